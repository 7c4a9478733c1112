package io.mambastream.cli;

import io.mambastream.heads.eval.fid.FeatureCsv;
import io.mambastream.heads.eval.fid.FidResult;
import io.mambastream.heads.eval.fid.FrechetDistance;
import io.mambastream.heads.eval.fid.GaussianStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval fid}: Fréchet distance between two CSV files of feature rows. */
@Command(
    name = "fid",
    mixinStandardHelpOptions = true,
    description = {
      "Fréchet distance between the Gaussians of two feature sets:"
          + " |mu1 - mu2|^2 + Tr S1 + Tr S2 - 2 Tr sqrt(S1 S2), unbiased covariances (n - 1),"
          + " double precision, Tr sqrt exact for PSD matrices (symmetric eigen-decompositions).",
      "Each CSV holds one feature row per line (an optional header line is skipped); both need"
          + " at least 2 rows and the same width.",
      "Computing features from image folders through the shipped classifier is not available yet;"
          + " export features to CSV first."
    })
public final class EvalFidCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--a", required = true, paramLabel = "A.csv", description = "First feature set.")
  Path a;

  @Option(names = "--b", required = true, paramLabel = "B.csv", description = "Second feature set.")
  Path b;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    GaussianStats statsA = GaussianStats.of(checked(FeatureCsv.read(a), a));
    GaussianStats statsB = GaussianStats.of(checked(FeatureCsv.read(b), b));
    if (statsA.dimension() != statsB.dimension()) {
      throw new IllegalArgumentException(
          "feature widths differ: "
              + a
              + " has "
              + statsA.dimension()
              + " columns, "
              + b
              + " has "
              + statsB.dimension());
    }
    FidResult r = FrechetDistance.between(statsA, statsB);
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
      JsonOutput.print(out, root);
    } else {
      out.printf("FID: %.6f%n", r.fid());
      out.printf(
          "  |mu_a - mu_b|^2 = %.6f, Tr S_a = %.6f, Tr S_b = %.6f, Tr sqrt(S_a S_b) = %.6f%n",
          r.meanTerm(), r.traceA(), r.traceB(), r.traceSqrt());
      out.printf("  %d and %d rows of %d features%n", r.countA(), r.countB(), r.dimension());
      out.flush();
    }
    return 0;
  }

  private static double[][] checked(double[][] rows, Path file) {
    if (rows.length < 2) {
      throw new IllegalArgumentException(
          file + " holds " + rows.length + " feature row; need at least 2");
    }
    return rows;
  }
}
