package io.mambastream.backbones.train;

import java.nio.file.Path;

/**
 * How to train a classifier.
 *
 * @param epochs total epochs of the learning-rate schedule; 0 on {@code resume}: the checkpoint's
 *     (a different number stretches the cosine from the checkpoint on: a warm restart)
 * @param batchSize images per optimizer step
 * @param learningRate peak learning rate of AdamW
 * @param weightDecay decoupled weight decay of AdamW (matrices only)
 * @param warmupEpochs epochs of linear warm-up before the cosine decay (may be fractional)
 * @param labelSmoothing ε of the label-smoothed cross-entropy
 * @param augment whether to shift, flip and erase training images
 * @param seed seed of initialisation, shuffling and augmentation
 * @param gpu whether to train on the first GPU
 * @param outDir where checkpoints, metrics and the best model go
 * @param resume whether to continue from {@code outDir/last}
 * @param limit at most this many training items (0: all); validation and test then use limit / 5
 * @param valSize items at the end of the training split held out for model selection
 * @param timeBudgetSeconds when positive, the first epoch's duration fits {@code epochs} down to
 *     what this wall time allows (the fitted number is kept in the checkpoint; needs at least one
 *     warm-up epoch, so that no learning rate used before the fit depends on it)
 * @param stopAfterEpoch when positive, pause after this epoch with a checkpoint and no test
 *     evaluation; {@code resume} continues the same schedule exactly
 * @param initFrom when not null, a model directory ({@link ModelArtifact}) of the same architecture
 *     whose weights start the run (fine-tuning: the optimizer and the schedule start afresh); null:
 *     random initialisation from {@code seed}
 */
public record TrainOptions(
    int epochs,
    int batchSize,
    double learningRate,
    double weightDecay,
    double warmupEpochs,
    double labelSmoothing,
    boolean augment,
    long seed,
    boolean gpu,
    Path outDir,
    boolean resume,
    int limit,
    int valSize,
    double timeBudgetSeconds,
    int stopAfterEpoch,
    Path initFrom,
    double dropPath) {

  /** Checks the ranges. */
  public TrainOptions {
    if (epochs < 0 || epochs == 0 && !resume) {
      throw new IllegalArgumentException("epochs must be positive (0 only to resume as saved)");
    }
    if (batchSize <= 0 || learningRate <= 0 || limit < 0 || valSize <= 0) {
      throw new IllegalArgumentException(
          "batch size, learning rate and validation size must be positive, limit >= 0");
    }
    if (timeBudgetSeconds < 0 || stopAfterEpoch < 0) {
      throw new IllegalArgumentException("time budget and stop-after epoch must be >= 0");
    }
    if (timeBudgetSeconds > 0 && warmupEpochs < 1) {
      throw new IllegalArgumentException(
          "a time budget needs at least 1 warm-up epoch: the schedule is fitted after epoch 1,"
              + " and warm-up learning rates do not depend on the total");
    }
    if (dropPath < 0 || dropPath >= 1) {
      throw new IllegalArgumentException("drop-path rate must be in [0, 1), got " + dropPath);
    }
    if (initFrom != null && resume) {
      throw new IllegalArgumentException(
          "--init-from starts a new run; --resume continues one: choose one");
    }
    if (weightDecay < 0 || warmupEpochs < 0 || labelSmoothing < 0 || labelSmoothing >= 1) {
      throw new IllegalArgumentException(
          "weight decay and warm-up must be >= 0 and label smoothing in [0, 1)");
    }
  }

  /** These options with {@code epochs} replaced (a fitted or resumed schedule). */
  public TrainOptions withEpochs(int epochs) {
    return new TrainOptions(
        epochs,
        batchSize,
        learningRate,
        weightDecay,
        warmupEpochs,
        labelSmoothing,
        augment,
        seed,
        gpu,
        outDir,
        resume,
        limit,
        valSize,
        timeBudgetSeconds,
        stopAfterEpoch,
        initFrom,
        dropPath);
  }
}
