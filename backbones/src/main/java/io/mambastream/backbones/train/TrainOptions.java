package io.mambastream.backbones.train;

import java.nio.file.Path;

/**
 * How to train a classifier.
 *
 * @param epochs total epochs (a resumed run continues up to this number)
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
    int valSize) {

  /** Checks the ranges. */
  public TrainOptions {
    if (epochs <= 0 || batchSize <= 0 || learningRate <= 0 || limit < 0 || valSize <= 0) {
      throw new IllegalArgumentException(
          "epochs, batch size, learning rate and validation size must be positive, limit >= 0");
    }
    if (weightDecay < 0 || warmupEpochs < 0 || labelSmoothing < 0 || labelSmoothing >= 1) {
      throw new IllegalArgumentException(
          "weight decay and warm-up must be >= 0 and label smoothing in [0, 1)");
    }
  }
}
