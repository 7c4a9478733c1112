package io.mambastream.cli;

import io.mambastream.backbones.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Writes the loss and accuracy curves of a training run (vs epoch) as one PNG. */
final class TrainingCurves {

  private TrainingCurves() {}

  /** Writes {@code file} (PNG) with two charts side by side: loss and accuracy per epoch. */
  static void write(Path file, List<EpochMetrics> history) throws IOException {
    if (history.isEmpty()) {
      return;
    }
    double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
    XYChart loss = chart("loss", "cross-entropy");
    loss.addSeries("train (smoothed)", epochs, values(history, EpochMetrics::trainLoss));
    XYChart accuracy = chart("accuracy", "accuracy");
    accuracy.addSeries("train (augmented)", epochs, values(history, EpochMetrics::trainAccuracy));
    if (history.stream().anyMatch(m -> !Double.isNaN(m.valAccuracy()))) { // --val-size 0: none
      loss.addSeries("validation", epochs, values(history, EpochMetrics::valLoss));
      accuracy.addSeries("validation", epochs, values(history, EpochMetrics::valAccuracy));
    }
    String base = file.toString().replaceFirst("\\.png$", "");
    BitmapEncoder.saveBitmap(List.of(loss, accuracy), 1, 2, base, BitmapEncoder.BitmapFormat.PNG);
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
