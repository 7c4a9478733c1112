package io.mambastream.backbones.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param config the trained model
 * @param history metrics of every epoch, resumed ones included
 * @param epochs the learning-rate schedule's total (fitted by a time budget or restored)
 * @param bestEpoch epoch of the best validation accuracy (its weights are in {@code bestDir})
 * @param bestValAccuracy that accuracy
 * @param testLoss cross-entropy of the best weights on the test split; null while paused
 * @param testAccuracy accuracy of the best weights on the test split (evaluated once, after the
 *     last epoch); null while paused
 * @param testItems number of test items evaluated (0 while paused)
 * @param parameters number of parameters
 * @param wallSeconds wall time of this invocation
 * @param bestDir the model directory of the best epoch (a {@link ModelArtifact})
 */
public record TrainResult(
    ClassifierConfig config,
    List<EpochMetrics> history,
    int epochs,
    int bestEpoch,
    double bestValAccuracy,
    Double testLoss,
    Double testAccuracy,
    int testItems,
    long parameters,
    double wallSeconds,
    Path bestDir) {

  /** Copies the history. */
  public TrainResult {
    history = List.copyOf(history);
  }

  /** Whether the schedule ran to its end (false: paused by {@code stopAfterEpoch}). */
  public boolean finished() {
    return !history.isEmpty() && history.get(history.size() - 1).epoch() == epochs;
  }
}
