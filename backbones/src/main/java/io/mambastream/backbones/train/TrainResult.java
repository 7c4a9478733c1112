package io.mambastream.backbones.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param config the trained model
 * @param history metrics of every epoch, resumed ones included
 * @param bestEpoch epoch of the best validation accuracy (its weights are in {@code bestDir})
 * @param bestValAccuracy that accuracy
 * @param testLoss cross-entropy of the best weights on the test split
 * @param testAccuracy accuracy of the best weights on the test split (evaluated once, at the end)
 * @param testItems number of test items evaluated
 * @param parameters number of parameters
 * @param wallSeconds wall time of this invocation
 * @param bestDir the model directory of the best epoch (a {@link ModelArtifact})
 */
public record TrainResult(
    ClassifierConfig config,
    List<EpochMetrics> history,
    int bestEpoch,
    double bestValAccuracy,
    double testLoss,
    double testAccuracy,
    int testItems,
    long parameters,
    double wallSeconds,
    Path bestDir) {

  /** Copies the history. */
  public TrainResult {
    history = List.copyOf(history);
  }
}
