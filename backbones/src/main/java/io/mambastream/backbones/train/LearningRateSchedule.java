package io.mambastream.backbones.train;

/**
 * Linear warm-up to the peak, then cosine decay to {@code minLr}:
 *
 * <pre>
 * lr(s) = peak · (s + 1) / W                                      s &lt; W
 * lr(s) = min + (peak − min) · (1 + cos(π · (s − W) / (T − W))) / 2   W ≤ s &lt; T
 * </pre>
 *
 * @param peak the learning rate at the end of warm-up
 * @param minLr the final learning rate
 * @param warmupSteps W
 * @param totalSteps T
 */
public record LearningRateSchedule(double peak, double minLr, long warmupSteps, long totalSteps) {

  /** Returns the learning rate of optimizer step {@code step} (0-based). */
  public double at(long step) {
    if (step < warmupSteps) {
      return peak * (step + 1) / warmupSteps;
    }
    long decay = Math.max(1, totalSteps - warmupSteps);
    double progress = Math.min(1.0, (double) (step - warmupSteps) / decay);
    return minLr + (peak - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
