package io.mambastream.backbones.train;

/**
 * Fits a learning-rate schedule to a wall-time budget: after the last whole warm-up epoch (at least
 * epoch 1; warm-up learning rates do not depend on the total, and that epoch no longer carries the
 * first epoch's start-up: on the 4-GPU machine epoch 1 took 20 s and later ones 17 s), the schedule
 * becomes the epochs done plus as many more of that epoch's cost as fit in what is left once the
 * test evaluation is set aside.
 *
 * @param seconds the budget (0: none)
 * @param warmupEpochs the run's warm-up, which fixes the fit epoch
 */
record TimeBudget(double seconds, double warmupEpochs) {

  /** Returns whether the budget fits the schedule after {@code epoch}. */
  boolean fitsAfter(int epoch) {
    return seconds > 0 && epoch == Math.max(1, (int) Math.floor(warmupEpochs));
  }

  /**
   * The schedule's length after epoch {@code doneEpochs}: those plus as many further epochs of
   * {@code epochSeconds} as fit in what is left; at least {@code doneEpochs}, at most {@code
   * maxEpochs}.
   */
  int fittedEpochs(
      int maxEpochs,
      int doneEpochs,
      double elapsedSeconds,
      double epochSeconds,
      double testSeconds) {
    double left = seconds - elapsedSeconds - testSeconds;
    double further = Math.floor(Math.max(0, left) / Math.max(epochSeconds, 1e-9));
    return (int) Math.min(maxEpochs, doneEpochs + further);
  }
}
