package io.mambastream.cli;

import io.mambastream.backbones.train.ConfusionMatrix;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** Writes a confusion matrix as a PNG heat map: true class down, predicted class across, counts. */
final class ConfusionChart {

  private ConfusionChart() {}

  /** Writes {@code file} (PNG) for {@code matrix}, its classes named by {@code classes}. */
  static void write(Path file, ConfusionMatrix matrix, List<String> classes, String title)
      throws IOException {
    int k = matrix.classes();
    if (classes.size() != k) {
      throw new IllegalArgumentException(classes.size() + " class names for " + k + " classes");
    }
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(200 + 90 * k)
            .height(160 + 80 * k) // 80 px a row: XChart skips category labels closer than that
            .title(title)
            .xAxisTitle("predicted")
            .yAxisTitle("true")
            .build();
    chart.getStyler().setShowValue(true);
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x1f, 0x4e, 0x9c)});
    chart.getStyler().setMin(0);
    chart.getStyler().setXAxisLabelRotation(30);
    List<Number[]> cells = new ArrayList<>(k * k);
    for (int actual = 0; actual < k; actual++) {
      for (int predicted = 0; predicted < k; predicted++) {
        // XChart puts y index 0 at the bottom: row `actual` goes to k − 1 − actual, top first.
        cells.add(new Number[] {predicted, k - 1 - actual, matrix.count(actual, predicted)});
      }
    }
    List<String> topDown = new ArrayList<>(classes);
    Collections.reverse(topDown);
    chart.addSeries("items", classes, topDown, cells);
    String base = file.toString().replaceFirst("\\.png$", "");
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
  }
}
