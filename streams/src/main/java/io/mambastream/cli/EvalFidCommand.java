package io.mambastream.cli;

import ai.djl.Device;
import io.mambastream.backbones.zoo.Classifier;
import io.mambastream.heads.eval.fid.ClassifierFeatures;
import io.mambastream.heads.eval.fid.FeatureCsv;
import io.mambastream.heads.eval.fid.FidResult;
import io.mambastream.heads.eval.fid.FrechetDistance;
import io.mambastream.heads.eval.fid.GaussianStats;
import io.mambastream.heads.eval.fid.ImageSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eval fid}: Fréchet distance between two feature sets, given as CSV files or computed from
 * images through the shipped classifier's penultimate layer.
 */
@Command(
    name = "fid",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fréchet distance between the Gaussians of two feature sets:"
          + " |mu1 - mu2|^2 + Tr S1 + Tr S2 - 2 Tr sqrt(S1 S2), unbiased covariances (n - 1),"
          + " double precision; Tr sqrt(S1 S2) as the sum of the singular values of"
          + " sqrt(S1) sqrt(S2) (symmetric eigen-decompositions only).",
      "Either two CSV files of feature rows (--a, --b; an optional header line is skipped), or"
          + " two image sources (--real, --fake) whose features are the classifier's penultimate"
          + " layer: the final norm at the class token, the input of the head (D = 192 for"
          + " vim-tiny-fashion). Images (PNG or JPEG, gray or colour, any size) are preprocessed"
          + " exactly as `classify` does: luminance, bilinear resize (antialiased), the card's normalisation.",
      "Each side needs at least 2 rows or images."
    })
public final class EvalFidCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Inputs inputs;

  /** Exactly one of the two input modes. */
  static final class Inputs {
    @ArgGroup(exclusive = false, heading = "Feature CSV files:%n")
    CsvInputs csv;

    @ArgGroup(exclusive = false, heading = "Images through a classifier:%n")
    ImageInputs images;
  }

  /** Two CSV files of feature rows. */
  static final class CsvInputs {
    @Option(
        names = "--a",
        required = true,
        paramLabel = "A.csv",
        description = "First feature set.")
    Path a;

    @Option(
        names = "--b",
        required = true,
        paramLabel = "B.csv",
        description = "Second feature set.")
    Path b;
  }

  /** Two image sources and the classifier that turns them into features. */
  static final class ImageInputs {
    @Option(
        names = "--real",
        required = true,
        paramLabel = "SOURCE",
        description =
            "Reference images: a folder of .png/.jpg/.jpeg files (not recursive, name order),"
                + " or fashion-test, fashion-train (the Fashion-MNIST idx files in --data), or"
                + " fashion-sample (the bundled 100 test items). Use ./NAME for a folder of one"
                + " of these names.")
    String real;

    @Option(
        names = "--fake",
        required = true,
        paramLabel = "SOURCE",
        description = "Images to compare with --real (same kinds of source).")
    String fake;

    @Option(
        names = "--model",
        paramLabel = "MODEL",
        defaultValue = "vim-tiny-fashion",
        description =
            "Shipped artifact id, model directory or file:// URL (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "0",
        description = "Use the first N images of each source (default: ${DEFAULT-VALUE}, all).")
    int limit;

    @Option(
        names = "--features-out",
        split = ",",
        paramLabel = "REAL.csv,FAKE.csv",
        hideParamSyntax = true,
        description = "Also write both feature sets as CSV (readable by --a/--b).")
    List<Path> featuresOut;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        defaultValue = "/usr/share/datasets/fashion-mnist",
        description = "Fashion-MNIST idx directory (default: ${DEFAULT-VALUE}).")
    Path data;
  }

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Map<String, Object> about = new LinkedHashMap<>(); // where the features come from
    FidResult r =
        inputs.csv != null ? fromCsv(inputs.csv, about) : fromImages(inputs.images, about);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("metric", "FID");
      root.put("fid", r.fid());
      root.put("mean_term", r.meanTerm());
      root.put("trace_a", r.traceA());
      root.put("trace_b", r.traceB());
      root.put("trace_sqrt", r.traceSqrt());
      root.put("rows_a", r.countA());
      root.put("rows_b", r.countB());
      root.put("dimension", r.dimension());
      root.putAll(about);
      JsonOutput.print(out, root);
    } else {
      out.printf(Locale.ROOT, "FID: %.6f%n", r.fid());
      if (inputs.images != null) {
        out.printf("  features of %s, %s%n", about.get("model"), about.get("layer"));
        out.printf("  real: %s%n  fake: %s%n", about.get("real"), about.get("fake"));
      }
      out.printf(
          Locale.ROOT,
          "  |mu_a - mu_b|^2 = %.6f, Tr S_a = %.6f, Tr S_b = %.6f, Tr sqrt(S_a S_b) = %.6f%n",
          r.meanTerm(),
          r.traceA(),
          r.traceB(),
          r.traceSqrt());
      out.printf("  %d and %d rows of %d features%n", r.countA(), r.countB(), r.dimension());
      out.flush();
    }
    return 0;
  }

  private FidResult fromCsv(CsvInputs csv, Map<String, Object> about) throws IOException {
    about.put("a", csv.a.toString());
    about.put("b", csv.b.toString());
    return distance(
        checked(FeatureCsv.read(csv.a), csv.a.toString()),
        csv.a.toString(),
        checked(FeatureCsv.read(csv.b), csv.b.toString()),
        csv.b.toString());
  }

  private FidResult fromImages(ImageInputs in, Map<String, Object> about) throws IOException {
    if (in.featuresOut != null && in.featuresOut.size() != 2) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--features-out needs two files, REAL.csv,FAKE.csv; got " + in.featuresOut.size());
    }
    ImageSet real = ImageSet.open(in.real, in.limit, in.data);
    ImageSet fake = ImageSet.open(in.fake, in.limit, in.data);
    checked(real);
    checked(fake);
    double[][] realRows;
    double[][] fakeRows;
    try (Classifier classifier = Classifier.open(in.model, Device.cpu())) {
      about.put("model", classifier.card().name());
      about.put("layer", classifier.featureLayer());
      realRows = features(classifier, real, "real");
      fakeRows = features(classifier, fake, "fake");
    }
    about.put("real", real.description());
    about.put("fake", fake.description());
    if (in.featuresOut != null) {
      FeatureCsv.write(in.featuresOut.get(0), realRows);
      FeatureCsv.write(in.featuresOut.get(1), fakeRows);
      about.put("features_out", in.featuresOut.stream().map(Path::toString).toList());
    }
    return distance(realRows, in.real, fakeRows, in.fake);
  }

  private double[][] features(Classifier classifier, ImageSet images, String task)
      throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    try (ProgressBar bar = ProgressBars.open(err, task, images.size(), "images")) {
      return ClassifierFeatures.of(classifier, images, bar::stepTo);
    } finally {
      err.println(); // the bar redraws its line with '\r'; end it before the next output
      err.flush();
    }
  }

  private static FidResult distance(double[][] a, String nameA, double[][] b, String nameB) {
    GaussianStats statsA = GaussianStats.of(a);
    GaussianStats statsB = GaussianStats.of(b);
    if (statsA.dimension() != statsB.dimension()) {
      throw new IllegalArgumentException(
          "feature widths differ: "
              + nameA
              + " has "
              + statsA.dimension()
              + " columns, "
              + nameB
              + " has "
              + statsB.dimension());
    }
    return FrechetDistance.between(statsA, statsB);
  }

  private static double[][] checked(double[][] rows, String file) {
    if (rows.length < 2) {
      throw new IllegalArgumentException(
          file + " holds " + rows.length + " feature row; need at least 2");
    }
    return rows;
  }

  private static void checked(ImageSet images) {
    if (images.size() < 2) {
      throw new IllegalArgumentException(
          images.description() + ": FID needs at least 2 images per side");
    }
  }
}
