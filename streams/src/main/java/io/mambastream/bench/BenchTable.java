package io.mambastream.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The human form of a report: one line per row with its times and, for every baseline row of the
 * same case, the speed-up over it (baseline median / row median).
 */
public final class BenchTable {
  private BenchTable() {}

  /**
   * Renders the rows of {@code report}.
   *
   * @param report the rows
   * @param caseKeys the parameters that identify a case (rows of one case are compared)
   * @param baselines names of the rows that ratios are taken against
   */
  public static String render(BenchReport report, List<String> caseKeys, List<String> baselines) {
    List<String> header =
        new ArrayList<>(List.of("row", "case", "median ms", "min ms", "max ms", "runs", "per s"));
    for (String baseline : baselines) {
      header.add("x " + baseline);
    }
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    for (BenchRow row : report.rows()) {
      Map<String, Object> key = caseOf(row, caseKeys);
      List<String> line = new ArrayList<>();
      line.add(row.name());
      line.add(label(row.params()));
      line.add(format(row.medianMs()));
      line.add(format(row.minMs()));
      line.add(format(row.maxMs()));
      line.add(Integer.toString(row.runs()));
      line.add(format(row.perS()));
      for (String baseline : baselines) {
        line.add(
            report.rows().stream()
                .filter(
                    other -> other.name().equals(baseline) && caseOf(other, caseKeys).equals(key))
                .findFirst()
                .map(other -> String.format("%.2f", other.medianMs() / row.medianMs()))
                .orElse("-"));
      }
      lines.add(line);
    }
    return layout(lines);
  }

  /** Returns the values of {@code caseKeys} in the row's parameters. */
  public static Map<String, Object> caseOf(BenchRow row, List<String> caseKeys) {
    Map<String, Object> key = new LinkedHashMap<>();
    for (String name : caseKeys) {
      key.put(name, row.params().get(name));
    }
    return key;
  }

  /** Returns "B=1 D=384 ..." for a parameter map. */
  public static String label(Map<String, Object> params) {
    StringBuilder text = new StringBuilder();
    params.forEach(
        (name, value) ->
            text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(value));
    return text.toString();
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "-"; // a case that could not be measured (its error is printed as a note)
    }
    if (value >= 100) {
      return String.format("%.1f", value);
    }
    if (value >= 1) {
      return String.format("%.3f", value);
    }
    return String.format("%.4f", value);
  }

  private static String layout(List<List<String>> lines) {
    int columns = lines.get(0).size();
    int[] widths = new int[columns];
    for (List<String> line : lines) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      List<String> line = lines.get(l);
      for (int i = 0; i < columns; i++) {
        String cell = line.get(i);
        // Text columns (row, case) to the left, numbers to the right.
        out.append(i < 2 ? pad(cell, widths[i], false) : pad(cell, widths[i], true));
        out.append(i + 1 < columns ? "  " : "\n");
      }
      if (l == 0) {
        for (int i = 0; i < columns; i++) {
          out.append("-".repeat(widths[i])).append(i + 1 < columns ? "  " : "\n");
        }
      }
    }
    return out.toString();
  }

  private static String pad(String cell, int width, boolean right) {
    String space = " ".repeat(width - cell.length());
    return right ? space + cell : cell + space;
  }
}
