package io.mambastream.backbones.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training run's {@code metrics.csv}: one row of {@link EpochMetrics} per epoch under the header
 * {@value #HEADER}.
 */
public final class MetricsCsv {

  /** The header line, in the order of {@link EpochMetrics}' components. */
  public static final String HEADER =
      "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds";

  private MetricsCsv() {}

  /** Writes (or replaces) {@code file} with one row per epoch of {@code history}. */
  public static void write(Path file, List<EpochMetrics> history) throws IOException {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (EpochMetrics m : history) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%.6f,%.6f,%.6f,%.6f,%.8g,%.3f%n",
              m.epoch(),
              m.trainLoss(),
              m.trainAccuracy(),
              m.valLoss(),
              m.valAccuracy(),
              m.learningRate(),
              m.seconds()));
    }
    Files.writeString(file, csv, StandardCharsets.UTF_8);
  }

  /** Reads {@code file}; a wrong header or a malformed row is an error naming the line. */
  public static List<EpochMetrics> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new IOException(file + ": not a metrics.csv (expected the header " + HEADER + ")");
    }
    List<EpochMetrics> history = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",");
      try {
        if (f.length != 7) {
          throw new NumberFormatException(f.length + " fields, expected 7");
        }
        history.add(
            new EpochMetrics(
                Integer.parseInt(f[0]),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]),
                Double.parseDouble(f[6])));
      } catch (NumberFormatException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return history;
  }
}
