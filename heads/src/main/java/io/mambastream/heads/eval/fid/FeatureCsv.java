package io.mambastream.heads.eval.fid;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads and writes feature rows as CSV: one row of comma-separated numbers per line. The first line
 * is a header and skipped when any of its fields is not a number; blank lines are skipped.
 */
public final class FeatureCsv {

  private FeatureCsv() {}

  /**
   * Reads {@code file}.
   *
   * @throws IOException if unreadable, empty, ragged (a row of another width than the first) or
   *     holding a non-number or non-finite number after the header; the message names the line
   */
  public static double[][] read(Path file) throws IOException {
    List<double[]> rows = new ArrayList<>();
    int width = -1;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (lineNo == 1 && !allNumbers(fields)) {
          continue; // header
        }
        if (width < 0) {
          width = fields.length;
        } else if (fields.length != width) {
          throw new IOException(
              String.format(
                  "%s:%d: expected %d values like the first row, got %d",
                  file, lineNo, width, fields.length));
        }
        double[] row = new double[width];
        for (int j = 0; j < width; j++) {
          row[j] = parse(fields[j], file, lineNo, j + 1);
        }
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      throw new IOException(file + " holds no feature rows");
    }
    return rows.toArray(new double[0][]);
  }

  /**
   * Writes {@code rows} under a header {@code f0,f1,...}, each value as Java's shortest decimal
   * that reads back to the same double, so {@link #read} returns exactly {@code rows}.
   *
   * @throws IllegalArgumentException if the rows are empty or differ in width
   */
  public static void write(Path file, double[][] rows) throws IOException {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no feature rows to write to " + file);
    }
    int width = rows[0].length;
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringJoiner header = new StringJoiner(",");
      for (int j = 0; j < width; j++) {
        header.add("f" + j);
      }
      writer.write(header.toString());
      writer.newLine();
      for (double[] row : rows) {
        if (row.length != width) {
          throw new IllegalArgumentException(
              "rows differ in width: " + width + " and " + row.length);
        }
        StringJoiner line = new StringJoiner(",");
        for (double value : row) {
          line.add(Double.toString(value));
        }
        writer.write(line.toString());
        writer.newLine();
      }
    }
  }

  private static boolean allNumbers(String[] fields) {
    for (String field : fields) {
      try {
        Double.parseDouble(field.trim());
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  private static double parse(String field, Path file, int line, int column) throws IOException {
    double value;
    try {
      value = Double.parseDouble(field.trim());
    } catch (NumberFormatException e) {
      throw new IOException(
          String.format("%s:%d: column %d is not a number: '%s'", file, line, column, field));
    }
    if (!Double.isFinite(value)) {
      throw new IOException(
          String.format("%s:%d: column %d is not finite: '%s'", file, line, column, field));
    }
    return value;
  }
}
