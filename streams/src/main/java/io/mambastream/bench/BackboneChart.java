package io.mambastream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Draws milliseconds per image against image size, one line per model and batch size: wall time, or
 * the CPU time of the measuring thread (which is all the work when everything runs on it).
 */
public final class BackboneChart {

  private BackboneChart() {}

  /** Writes the chart of {@code rows} as a PNG. */
  public static void writePng(List<BackboneRow> rows, String subtitle, boolean cpuTime, Path png)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title("Backbone inference time per image (" + subtitle + ")")
            .xAxisTitle("image size (px, square)")
            .yAxisTitle(cpuTime ? "median CPU ms per image (log)" : "median ms per image (log)")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(8);
    Map<String, List<BackboneRow>> series =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.name() + ", batch " + r.batch(), TreeMap::new, Collectors.toList()));
    series.forEach(
        (name, points) -> {
          List<BackboneRow> sorted =
              points.stream().sorted((a, b) -> Integer.compare(a.px(), b.px())).toList();
          double[] x = sorted.stream().mapToDouble(BackboneRow::px).toArray();
          double[] y =
              sorted.stream()
                  .mapToDouble(r -> (cpuTime ? r.cpuMs() : r.medianMs()) / r.batch())
                  .toArray();
          chart.addSeries(name, x, y);
        });
    String file = png.toString();
    String base = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
  }
}
