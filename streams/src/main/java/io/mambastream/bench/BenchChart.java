package io.mambastream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * A PNG bar chart of a report's medians: one group of bars per row name, one bar colour per case,
 * on a logarithmic time axis (the rows differ by orders of magnitude).
 */
public final class BenchChart {
  private BenchChart() {}

  /** Writes the chart of {@code report} to {@code file} (PNG), creating its folder. */
  public static void writePng(BenchReport report, List<String> caseKeys, Path file, String title)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    Set<String> names = new LinkedHashSet<>();
    Map<Map<String, Object>, Map<String, Double>> byCase = new LinkedHashMap<>();
    for (BenchRow row : report.rows()) {
      if (!row.isMeasured()) {
        continue;
      }
      names.add(row.name());
      byCase
          .computeIfAbsent(BenchTable.caseOf(row, caseKeys), key -> new LinkedHashMap<>())
          .put(row.name(), row.medianMs());
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(560)
            .title(title)
            .xAxisTitle("implementation")
            .yAxisTitle("median ms per scan (log scale)")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    // A log axis needs an explicit positive minimum (XChart's default bar base is 0).
    double smallest =
        report.rows().stream().mapToDouble(BenchRow::medianMs).filter(v -> v > 0).min().orElse(1);
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest)) - 1));
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    // Every series lists every row name (XChart places values by position, not by name), with
    // null where a case lacks a row.
    List<String> categories = new ArrayList<>(names);
    for (Map.Entry<Map<String, Object>, Map<String, Double>> entry : byCase.entrySet()) {
      List<Double> values = new ArrayList<>();
      for (String name : categories) {
        values.add(entry.getValue().get(name));
      }
      chart.addSeries(BenchTable.label(entry.getKey()), categories, values);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    if (!file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
      // XChart appends the extension; keep the exact name the user asked for.
      Files.move(Path.of(file + ".png"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
