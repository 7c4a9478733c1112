package io.mambastream.cli;

import io.mambastream.backbones.train.EpochMetrics;
import io.mambastream.backbones.train.ModelArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Writes the loss and accuracy curves of a training run (vs epoch) as one PNG. */
final class TrainingCurves {

  private TrainingCurves() {}

  /**
   * Writes {@code file} (PNG) with two charts side by side: loss and accuracy per epoch. The
   * training series say what the run trained on (label smoothing; mixed, augmented or plain
   * batches), read from {@code run}'s {@code best/model.json} when there is one.
   */
  static void write(Path file, List<EpochMetrics> history, Path run) throws IOException {
    if (history.isEmpty()) {
      return;
    }
    Map<String, String> training = trainingRecord(run.resolve("best"));
    String batches = batches(training);
    double smoothing = Double.parseDouble(training.getOrDefault("label_smoothing", "0"));
    double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
    XYChart loss = chart("loss", "cross-entropy");
    loss.addSeries(
        trainLabel(smoothing > 0 ? "smoothed" : null, batches),
        epochs,
        values(history, EpochMetrics::trainLoss));
    XYChart accuracy = chart("accuracy", "accuracy");
    accuracy.addSeries(
        trainLabel(null, batches), epochs, values(history, EpochMetrics::trainAccuracy));
    if (history.stream().anyMatch(m -> !Double.isNaN(m.valAccuracy()))) { // --val-size 0: none
      loss.addSeries("validation", epochs, values(history, EpochMetrics::valLoss));
      accuracy.addSeries("validation", epochs, values(history, EpochMetrics::valAccuracy));
    }
    String base = file.toString().replaceFirst("\\.png$", "");
    BitmapEncoder.saveBitmap(List.of(loss, accuracy), 1, 2, base, BitmapEncoder.BitmapFormat.PNG);
  }

  /** The training record of a model directory's card; empty when there is no card. */
  private static Map<String, String> trainingRecord(Path modelDir) throws IOException {
    return Files.isRegularFile(modelDir.resolve("model.json"))
        ? ModelArtifact.readCard(modelDir).training()
        : Map.of();
  }

  /**
   * Names the batches training saw: mixed (Mixup / CutMix; accuracy counts the label with the
   * larger weight), augmented or plain; null when the record does not say.
   */
  static String batches(Map<String, String> training) {
    if (training.containsKey("mixup_alpha") || training.containsKey("cutmix_alpha")) {
      return "mixed batches";
    }
    String augment = training.get("augment");
    return augment == null ? null : "true".equals(augment) ? "augmented" : "plain batches";
  }

  /** "train", with the notes that are not null in parentheses. */
  static String trainLabel(String... notes) {
    String joined = Arrays.stream(notes).filter(Objects::nonNull).collect(Collectors.joining(", "));
    return joined.isEmpty() ? "train" : "train (" + joined + ")";
  }

  private static XYChart chart(String title, String yTitle) {
    return new XYChartBuilder()
        .width(560)
        .height(400)
        .title(title)
        .xAxisTitle("epoch")
        .yAxisTitle(yTitle)
        .build();
  }

  private static double[] values(
      List<EpochMetrics> history, java.util.function.ToDoubleFunction<EpochMetrics> metric) {
    return history.stream().mapToDouble(metric).toArray();
  }
}
