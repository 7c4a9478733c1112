package io.mambastream.bench.backbone;

import io.mambastream.bench.BenchRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Draws milliseconds per image against image size, one line per model and batch size: wall time, or
 * the CPU time of the measuring thread ({@code cpu_ms}, all the work when everything runs on that
 * thread).
 */
public final class BackboneChart {

  private BackboneChart() {}

  /** Writes the chart of {@code rows} as a PNG to {@code png}, creating its folder. */
  public static void writePng(List<BenchRow> rows, String subtitle, boolean cpuTime, Path png)
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
    Map<String, List<BenchRow>> series =
        rows.stream()
            .filter(BenchRow::isMeasured)
            .collect(
                Collectors.groupingBy(
                    r -> r.name() + ", batch " + batch(r), TreeMap::new, Collectors.toList()));
    series.forEach(
        (name, points) -> {
          List<BenchRow> sorted =
              points.stream().sorted(Comparator.comparingInt(BackboneChart::px)).toList();
          double[] x = sorted.stream().mapToDouble(BackboneChart::px).toArray();
          double[] y =
              sorted.stream()
                  .mapToDouble(
                      r ->
                          (cpuTime ? r.measures().getOrDefault("cpu_ms", Double.NaN) : r.medianMs())
                              / batch(r))
                  .toArray();
          chart.addSeries(name, x, y);
        });
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    if (!png.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      Files.move(Path.of(png + ".png"), png, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static int px(BenchRow row) {
    return ((Number) row.params().get("px")).intValue();
  }

  private static int batch(BenchRow row) {
    return ((Number) row.params().get("batch")).intValue();
  }
}
