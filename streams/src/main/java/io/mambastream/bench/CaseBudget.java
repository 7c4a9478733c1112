package io.mambastream.bench;

import ai.djl.engine.EngineException;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The total time budget of a benchmark run, which turns the cases it cannot measure into rows with
 * an error.
 *
 * <p>The clock starts when the budget is created. A case that would start after the budget is spent
 * becomes a {@link BenchRow#failed} row saying so; a case that fails in the engine (out of memory,
 * say) becomes one with the first line of the engine's message (see {@link #engineError}), so that
 * one case too big for the device does not end the run. A case measured in its own {@code
 * NDManager}, closed before the failure reaches the budget, leaves nothing behind for the next.
 */
public final class CaseBudget {
  private final double totalSeconds;
  private final long deadline;

  /**
   * Starts a budget of {@code totalSeconds}.
   *
   * @throws IllegalArgumentException if {@code totalSeconds} is not positive
   */
  public CaseBudget(double totalSeconds) {
    check(totalSeconds);
    this.totalSeconds = totalSeconds;
    this.deadline = System.nanoTime() + (long) Math.min(totalSeconds * 1e9, 1e18);
  }

  /**
   * Checks a total budget in seconds.
   *
   * @throws IllegalArgumentException if it is not positive (NaN included)
   */
  public static void check(double totalSeconds) {
    if (!(totalSeconds > 0)) {
      throw new IllegalArgumentException(
          "the total time budget must be positive, got " + totalSeconds);
    }
  }

  /**
   * Measures one case with {@code measure}, given the seconds left of the budget; returns a failed
   * row named {@code name} with {@code params} if the budget is spent or the engine fails.
   */
  public BenchRow measure(
      String name, Map<String, Object> params, DoubleFunction<BenchRow> measure) {
    double left = (deadline - System.nanoTime()) / 1e9;
    if (left <= 0) {
      return BenchRow.failed(
          name,
          params,
          String.format(
              Locale.ROOT, "skipped: the total time budget of %.0f s was spent", totalSeconds));
    }
    try {
      return measure.apply(left);
    } catch (EngineException e) {
      // Out of device memory (or another engine failure) on this case only.
      return BenchRow.failed(name, params, engineError(e));
    }
  }

  /** Returns the first line of the engine's message, marked when it ran out of memory. */
  public static String engineError(EngineException e) {
    String message = String.valueOf(e.getMessage()).strip();
    String first = message.lines().findFirst().orElse(message);
    return message.toLowerCase(Locale.ROOT).contains("out of memory")
        ? "out of memory: " + first
        : "engine error: " + first;
  }
}
