package io.mambastream.ingest.scenes.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of a MOTChallenge ground-truth file {@code gt.txt}: {@code
 * frame,id,bb_left,bb_top,bb_width,bb_height,conf,class,visibility}.
 *
 * @param frame 1-based frame number
 * @param id track id, 1-based within the clip
 * @param x left column of the box
 * @param y top row of the box
 * @param w box width
 * @param h box height
 * @param conf 1: the object counts in evaluation (MOTChallenge's "consider" flag)
 * @param category class id 1..10
 * @param visibility visible fraction of the item, 0..1 (written with 6 decimals)
 */
public record MotRow(
    int frame, int id, int x, int y, int w, int h, int conf, int category, double visibility) {

  /** The line, without its end-of-line. */
  public String format() {
    return String.format(
        Locale.ROOT,
        "%d,%d,%d,%d,%d,%d,%d,%d,%.6f",
        frame,
        id,
        x,
        y,
        w,
        h,
        conf,
        category,
        visibility);
  }

  /** Parses one line (numbers may be written as decimals, as some tools do). */
  public static MotRow parse(String line) {
    String[] f = line.trim().split(",");
    if (f.length < 9) {
      throw new IllegalArgumentException(
          "MOT line has " + f.length + " fields, expected 9: '" + line + "'");
    }
    try {
      return new MotRow(
          integer(f[0]),
          integer(f[1]),
          integer(f[2]),
          integer(f[3]),
          integer(f[4]),
          integer(f[5]),
          integer(f[6]),
          integer(f[7]),
          Double.parseDouble(f[8].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("MOT line has a bad number: '" + line + "'", e);
    }
  }

  private static int integer(String field) {
    double value = Double.parseDouble(field.trim());
    if (value != StrictMath.rint(value)) {
      throw new NumberFormatException(field + " is not a whole number");
    }
    return (int) value;
  }

  /** Writes rows, one per line, in the given order. */
  public static void write(List<MotRow> rows, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (MotRow row : rows) {
        out.write(row.format());
        out.write('\n');
      }
    }
  }

  /** Reads every non-blank line of a {@code gt.txt}. */
  public static List<MotRow> read(Path file) throws IOException {
    List<MotRow> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        rows.add(parse(line));
      }
    }
    return rows;
  }
}
