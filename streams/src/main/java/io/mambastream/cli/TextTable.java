package io.mambastream.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints a small boxed text table (mmsegmentation / PrettyTable style) for command output. */
final class TextTable {

  private TextTable() {}

  /** Prints {@code header} and {@code rows} with centred cells and +---+ rules. */
  static void print(PrintWriter out, String[] header, List<String[]> rows) {
    int[] widths = new int[header.length];
    for (int j = 0; j < header.length; j++) {
      widths[j] = header[j].length();
      for (String[] row : rows) {
        widths[j] = Math.max(widths[j], row[j].length());
      }
    }
    String rule = rule(widths);
    out.println(rule);
    out.println(line(header, widths));
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, widths));
    }
    out.println(rule);
  }

  private static String rule(int[] widths) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : widths) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    return sb.toString();
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder sb = new StringBuilder("|");
    for (int j = 0; j < cells.length; j++) {
      int pad = widths[j] - cells[j].length();
      int left = pad / 2;
      sb.append(' ')
          .append(" ".repeat(left))
          .append(cells[j])
          .append(" ".repeat(pad - left))
          .append(" |");
    }
    return sb.toString();
  }
}
