package io.mambastream.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --px}, {@code --batch}, {@code --runs} and {@code --warmup} options, one mixin for the
 * bench commands that measure a row per image size and batch.
 *
 * <p>Each command has defaults of its own: it names a subclass of {@link Defaults} as its {@code
 * defaultValueProvider}, which also fills {@code ${DEFAULT-VALUE}} in the help.
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

  /** A command's defaults of these options (other options keep their annotated defaults). */
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
