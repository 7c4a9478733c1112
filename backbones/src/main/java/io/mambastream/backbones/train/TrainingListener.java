package io.mambastream.backbones.train;

/** Receives the progress of a training run (the CLI renders it as a progress bar). */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** Called when epoch {@code epoch} (1-based) of {@code epochs} starts, with its batch count. */
  default void onEpochStart(int epoch, int epochs, int batches) {}

  /** Called after each batch with the running means of the epoch so far. */
  default void onBatch(int batch, double meanLoss, double meanAccuracy) {}

  /** Called after each epoch, once validation is done. */
  default void onEpochEnd(EpochMetrics metrics) {}

  /**
   * Called once, after epoch {@code fitEpoch} (the last whole warm-up epoch), when a time budget
   * fitted the schedule to {@code epochs} epochs from that epoch's cost {@code epochSeconds}
   * (training, validation and the previous epoch's writes; {@code --epochs} of the same value
   * reproduces the run).
   */
  default void onScheduleFitted(
      int epochs, double budgetSeconds, int fitEpoch, double epochSeconds) {}
}
