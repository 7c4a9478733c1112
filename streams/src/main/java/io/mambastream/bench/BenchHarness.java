package io.mambastream.bench;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times a {@link BenchCase}: warm-up runs (not recorded), then timed runs, each measured alone with
 * {@link System#nanoTime()}. A row whose runs would exceed the time budget gets fewer runs (at
 * least {@link #MIN_RUNS}) and says so in its note.
 */
public final class BenchHarness {
  /** The fewest timed runs a row gets, even over the time budget. */
  public static final int MIN_RUNS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(BenchHarness.class);

  private final int warmup;
  private final double warmupSeconds;
  private final int runs;
  private final double maxSecondsPerRow;

  /**
   * Creates a harness.
   *
   * @param warmup untimed runs before timing (at least 0)
   * @param warmupSeconds minimum time of the warm-up (at least 0)
   * @param runs timed runs per row (at least 1)
   * @param maxSecondsPerRow time budget of the warm-up, and of the timed runs, of one row
   */
  public BenchHarness(int warmup, double warmupSeconds, int runs, double maxSecondsPerRow) {
    if (warmup < 0 || !(warmupSeconds >= 0) || runs < 1 || !(maxSecondsPerRow > 0)) {
      throw new IllegalArgumentException(
          "warmup and its time must be >= 0, runs >= 1 and the time budget > 0, got "
              + warmup
              + ", "
              + warmupSeconds
              + ", "
              + runs
              + ", "
              + maxSecondsPerRow);
    }
    this.warmup = warmup;
    this.warmupSeconds = warmupSeconds;
    this.runs = runs;
    this.maxSecondsPerRow = maxSecondsPerRow;
  }

  /** Returns the number of warm-up runs. */
  public int warmup() {
    return warmup;
  }

  /** Returns the minimum warm-up time in seconds. */
  public double warmupSeconds() {
    return warmupSeconds;
  }

  /** Returns the number of timed runs a row gets within its budget. */
  public int runs() {
    return runs;
  }

  /** Returns the time budget of one row's timed runs, in seconds. */
  public double maxSecondsPerRow() {
    return maxSecondsPerRow;
  }

  /** Warms up, times the runs and returns the row. */
  public BenchRow measure(String name, Map<String, Object> params, BenchCase body) {
    LOG.info("measuring {} {}", name, params);
    // The warm-up is capped by the same budget, so a slow case is not warmed for minutes.
    long budgetNanos = (long) (maxSecondsPerRow * 1e9);
    long warmNanos = Math.min(budgetNanos, (long) (warmupSeconds * 1e9));
    long warmStart = System.nanoTime();
    for (int i = 0; ; i++) {
      long elapsed = System.nanoTime() - warmStart;
      if (elapsed >= budgetNanos || (i >= warmup && elapsed >= warmNanos)) {
        break;
      }
      timeOnce(body);
    }
    double[] times = new double[runs];
    long timedStart = System.nanoTime();
    int done = 0;
    while (done < runs) {
      times[done++] = timeOnce(body) / 1e6;
      if (done >= MIN_RUNS && System.nanoTime() - timedStart > budgetNanos) {
        break;
      }
    }
    String note = null;
    if (done < runs) {
      note = String.format("%d of %d runs: time budget of %.0f s", done, runs, maxSecondsPerRow);
    }
    return BenchRow.of(name, params, java.util.Arrays.copyOf(times, done), note);
  }

  private static long timeOnce(BenchCase body) {
    body.before();
    try {
      long start = System.nanoTime();
      body.run();
      return System.nanoTime() - start;
    } finally {
      body.after();
    }
  }
}
