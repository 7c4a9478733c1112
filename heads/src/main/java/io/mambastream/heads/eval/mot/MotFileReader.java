package io.mambastream.heads.eval.mot;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads MOTChallenge text files, one box a line: {@code frame,id,x,y,w,h[,conf[,...]]}.
 *
 * <p>Fields are separated by commas and/or whitespace (as py-motmetrics' reader accepts); columns
 * after the seventh (class, visibility, 3D position) are ignored; a missing confidence reads as 1.
 * Frame and id must be integers (a decimal with zero fraction such as {@code 3.0} is accepted);
 * coordinates must be finite and sizes non-negative. Blank lines are skipped. The same id twice in
 * one frame is an error. Every error names {@code file:line}.
 */
public final class MotFileReader {
  private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

  private MotFileReader() {}

  /** Reads {@code file} as the sequence {@code name}. */
  public static MotSequence read(Path file, String name) throws IOException {
    List<MotBox> boxes = new ArrayList<>();
    Map<Long, Integer> lineOfKey = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        MotBox box = parse(trimmed, file, number);
        long key = ((long) box.frame() << 32) | (box.id() & 0xffffffffL);
        Integer previous = lineOfKey.putIfAbsent(key, number);
        if (previous != null) {
          throw new IllegalArgumentException(
              where(file, number)
                  + "id "
                  + box.id()
                  + " appears twice in frame "
                  + box.frame()
                  + " (first at line "
                  + previous
                  + ")");
        }
        boxes.add(box);
      }
    }
    return new MotSequence(name, boxes);
  }

  private static MotBox parse(String line, Path file, int number) {
    String[] fields = SEPARATORS.split(line);
    if (fields.length < 6) {
      throw new IllegalArgumentException(
          where(file, number)
              + "expected at least 6 fields frame,id,x,y,w,h but found "
              + fields.length
              + ": "
              + line);
    }
    int frame = integer(fields[0], "frame", file, number);
    int id = integer(fields[1], "id", file, number);
    double x = finite(fields[2], "x", file, number);
    double y = finite(fields[3], "y", file, number);
    double w = finite(fields[4], "w", file, number);
    double h = finite(fields[5], "h", file, number);
    if (w < 0 || h < 0) {
      throw new IllegalArgumentException(
          where(file, number) + "negative box size w=" + fields[4] + " h=" + fields[5]);
    }
    double conf = fields.length > 6 ? number(fields[6], "conf", file, number) : 1.0;
    return new MotBox(frame, id, x, y, w, h, conf);
  }

  private static int integer(String field, String what, Path file, int number) {
    try {
      return Integer.parseInt(field);
    } catch (NumberFormatException notPlain) {
      double value = number(field, what, file, number);
      if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            where(file, number) + what + " must be an integer, got '" + field + "'");
      }
      return (int) value;
    }
  }

  private static double finite(String field, String what, Path file, int number) {
    double value = number(field, what, file, number);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          where(file, number) + what + " must be finite, got '" + field + "'");
    }
    return value;
  }

  private static double number(String field, String what, Path file, int number) {
    try {
      return Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where(file, number) + what + " is not a number: '" + field + "'");
    }
  }

  private static String where(Path file, int number) {
    return file + ":" + number + ": ";
  }
}
