package io.mambastream.backbones.train;

/**
 * What one epoch measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean smoothed cross-entropy over the epoch's batches
 * @param trainAccuracy fraction of training items classified right (augmented, in training mode)
 * @param valLoss plain cross-entropy on the validation split
 * @param valAccuracy accuracy on the validation split
 * @param learningRate learning rate of the epoch's last step
 * @param seconds wall time of the epoch, validation included
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double valLoss,
    double valAccuracy,
    double learningRate,
    double seconds) {}
