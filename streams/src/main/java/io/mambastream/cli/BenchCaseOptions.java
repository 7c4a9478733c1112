package io.mambastream.cli;

import io.mambastream.bench.BenchHarness;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --px}, {@code --batch}, {@code --runs}, {@code --warmup}, {@code --max-seconds} and
 * {@code --max-total-seconds} options, one mixin for the bench commands that measure a row per
 * image size and batch.
 *
 * <p>The sizes, batches, runs and warm-up have defaults of each command's own: it names a subclass
 * of {@link Defaults} as its {@code defaultValueProvider}, which also fills {@code
 * ${DEFAULT-VALUE}} in the help. The time budgets have the same defaults everywhere.
 */
public final class BenchCaseOptions {

  @Option(
      names = {"--px", "--sizes"},
      split = ",",
      description = "Square image sizes in px, multiples of 16 (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = {"--batch", "--batches"},
      split = ",",
      description = "Batch sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(names = "--runs", description = "Timed runs per row (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--warmup",
      description = "Untimed runs per row first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = {"--max-seconds", "--max-seconds-per-case"},
      defaultValue = "600",
      description =
          "Time budget of one row's warm-up and of its timed runs; past it a row stops after 3"
              + " (default: ${DEFAULT-VALUE}).")
  double maxSeconds;

  @Option(
      names = "--max-total-seconds",
      defaultValue = "86400",
      description =
          "Time budget of the whole run: cases that would start after it become rows with an"
              + " error (default: ${DEFAULT-VALUE}).")
  double maxTotalSeconds;

  /** Returns the image sizes in pixels. */
  public List<Integer> sizes() {
    return sizes;
  }

  /** Returns the batch sizes. */
  public List<Integer> batches() {
    return batches;
  }

  /** Returns the timed runs per row. */
  public int runs() {
    return runs;
  }

  /** Returns the untimed runs per row before the timed ones. */
  public int warmup() {
    return warmup;
  }

  /** Returns the time budget of the whole run in seconds. */
  public double maxTotalSeconds() {
    return maxTotalSeconds;
  }

  /** Returns the harness: the warm-up and timed runs per row within the row's time budget. */
  public BenchHarness harness() {
    return new BenchHarness(warmup, 0, runs, maxSeconds);
  }

  /** A command's sizes, batches, runs and warm-up by default (other options keep theirs). */
  abstract static class Defaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> values;

    /** Takes the defaults as written on the command line ({@code sizes} "224,512", say). */
    Defaults(String sizes, String batches, int runs, int warmup) {
      this.values =
          Map.of(
              "--sizes",
              sizes,
              "--batches",
              batches,
              "--runs",
              String.valueOf(runs),
              "--warmup",
              String.valueOf(warmup));
    }

    @Override
    public String defaultValue(ArgSpec argument) {
      return argument instanceof OptionSpec option ? values.get(option.longestName()) : null;
    }
  }
}
