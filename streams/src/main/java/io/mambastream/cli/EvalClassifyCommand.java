package io.mambastream.cli;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mambastream.backbones.train.ConfusionMatrix;
import io.mambastream.backbones.train.Evaluation;
import io.mambastream.backbones.train.ModelCard;
import io.mambastream.backbones.zoo.Classifier;
import io.mambastream.ingest.fashion.FashionMnist;
import io.mambastream.ingest.fashion.FashionSplit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval classify}: accuracy of a classifier on the Fashion-MNIST test split. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a classifier (shipped artifact id or model directory) on the Fashion-MNIST",
      "test split, the validation items training holds out (--split val), or the bundled",
      "100-item sample: accuracy and cross-entropy, next to the accuracy its card records;",
      "per-class accuracy and precision, the confusion matrix (--json, --confusion-png)."
    })
public final class EvalClassifyCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      description = "Shipped artifact id or model directory (default: ${DEFAULT-VALUE}).")
  String model = "vim-tiny-fashion";

  @Option(names = "--limit", description = "Evaluate the first N test items only (0: all).")
  int limit;

  @Option(names = "--data", description = "Fashion-MNIST idx directory (default: the Debian one).")
  Path data = FashionMnist.INSTALLED_DIR;

  @Option(names = "--sample", description = "Use the bundled 100-item sample instead of --data.")
  boolean sample;

  @Option(
      names = "--split",
      description =
          "test (10,000 items) or val: the last --val-size training items, which"
              + " `train classify` holds out for model selection (default: ${DEFAULT-VALUE}).")
  EvalSplit split = EvalSplit.test;

  @Option(
      names = "--val-size",
      description = "Validation items of --split val (default: ${DEFAULT-VALUE}).")
  int valSize = 5000;

  /** The item sets {@code eval classify} can score. */
  enum EvalSplit {
    test,
    val
  }

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(
      names = "--confusion-png",
      paramLabel = "FILE",
      description = "Also draw the confusion matrix (counts, true class down) as a PNG.")
  Path confusionPng;

  @Override
  public Integer call() throws IOException {
    if (confusionPng != null && !confusionPng.getFileName().toString().endsWith(".png")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--confusion-png must name a .png file, got " + confusionPng);
    }
    FashionMnist test = items();
    int n = limit > 0 ? Math.min(limit, test.size()) : test.size();
    Evaluation evaluation;
    long started = System.nanoTime();
    Double recorded;
    List<String> classes;
    try (Classifier classifier = Classifier.open(model, Device.cpu());
        ProgressBar bar = ProgressBars.open(spec.commandLine().getErr(), "eval", n, "images")) {
      requireHeldOut(classifier.card());
      evaluation = classifier.evaluate(test, n, bar::stepTo);
      recorded = classifier.card().metrics().get(split + "_accuracy");
      classes = classifier.card().classes();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String itemsName = sample ? "sample" : split.name();
    List<ClassScore> perClass = ClassScore.of(evaluation.confusion(), classes);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", model);
    result.put("data", sample ? "bundled sample" : test.source());
    result.put("items", evaluation.items());
    result.put("accuracy", evaluation.accuracy());
    result.put("loss", evaluation.loss());
    result.put("split", itemsName);
    result.put("recorded_" + split + "_accuracy", recorded);
    result.put("seconds", seconds);
    result.put("per_class", perClass);
    result.put("confusion", evaluation.confusion().rows());
    if (confusionPng != null) {
      result.put("confusion_png", confusionPng.toString());
    }
    if (json) {
      JsonOutput.print(out, result);
    } else {
      out.printf(
          Locale.ROOT,
          "%s on %d %s items: accuracy %.4f, loss %.4f (recorded %s accuracy %s), %.1f s%n",
          model,
          evaluation.items(),
          itemsName,
          evaluation.accuracy(),
          evaluation.loss(),
          split,
          recorded,
          seconds);
      TextTable.print(
          out,
          new String[] {"Class", "Items", "Accuracy", "Precision"},
          perClass.stream().map(ClassScore::cells).toList());
    }
    out.flush();
    if (confusionPng != null) { // after the numbers are out: drawing needs fonts, a writable path
      Path parent = confusionPng.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      ConfusionChart.write(
          confusionPng,
          evaluation.confusion(),
          classes,
          model + " on " + evaluation.items() + " " + itemsName + " items");
    }
    return 0;
  }

  /** One class's line of the report: its items, accuracy (its recall) and precision. */
  record ClassScore(
      @JsonProperty("class") String name, long items, double accuracy, double precision) {

    static List<ClassScore> of(ConfusionMatrix matrix, List<String> classes) {
      List<ClassScore> scores = new ArrayList<>();
      for (int k = 0; k < matrix.classes(); k++) {
        scores.add(
            new ClassScore(
                classes.get(k), matrix.support(k), matrix.recall(k), matrix.precision(k)));
      }
      return scores;
    }

    String[] cells() {
      return new String[] {
        name,
        Long.toString(items),
        String.format(Locale.ROOT, "%.4f", accuracy),
        String.format(Locale.ROOT, "%.4f", precision)
      };
    }
  }

  /** Refuses {@code --split val} for a model that trained on those items ({@code --val-size 0}). */
  private void requireHeldOut(ModelCard card) {
    if (split == EvalSplit.val && !sample && "0".equals(card.training().get("val_items"))) {
      throw new IllegalArgumentException(
          model
              + " was trained on every training item (--val-size 0): it has no held-out"
              + " validation split to evaluate");
    }
  }

  private FashionMnist items() throws IOException {
    if (sample) {
      return FashionMnist.bundledSample();
    }
    if (split == EvalSplit.test) {
      return FashionMnist.load(data, FashionSplit.TEST);
    }
    FashionMnist train = FashionMnist.load(data, FashionSplit.TRAIN);
    if (valSize <= 0 || valSize >= train.size()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--val-size must be in 1.." + (train.size() - 1) + ", got " + valSize);
    }
    return train.slice(train.size() - valSize, train.size());
  }
}
