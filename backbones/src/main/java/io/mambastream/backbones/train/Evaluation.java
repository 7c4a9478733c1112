package io.mambastream.backbones.train;

/**
 * Loss and confusion matrix of a classifier on a set of items; accuracy and item count follow from
 * the matrix.
 *
 * @param loss mean cross-entropy (NaN without items)
 * @param confusion counts of (true, predicted) class pairs; per-class recall and precision
 */
public record Evaluation(double loss, ConfusionMatrix confusion) {

  /** An evaluation of no items (for example no validation split): NaN loss and accuracy. */
  public static Evaluation none() {
    return new Evaluation(Double.NaN, ConfusionMatrix.of(0, new int[0], new int[0]));
  }

  /** Returns the fraction classified right (NaN without items). */
  public double accuracy() {
    return confusion.accuracy();
  }

  /** Returns the number of items evaluated. */
  public int items() {
    return Math.toIntExact(confusion.items());
  }
}
