package io.mambastream.backbones.train;

/**
 * Loss and accuracy of a classifier on a set of items, with its confusion matrix.
 *
 * @param loss mean cross-entropy
 * @param accuracy fraction classified right
 * @param items number of items
 * @param confusion counts of (true, predicted) class pairs; per-class recall and precision
 */
public record Evaluation(double loss, double accuracy, int items, ConfusionMatrix confusion) {

  /** An evaluation of no items (for example no validation split): NaN loss and accuracy. */
  public static Evaluation none() {
    return new Evaluation(Double.NaN, Double.NaN, 0, ConfusionMatrix.of(0, new int[0], new int[0]));
  }
}
