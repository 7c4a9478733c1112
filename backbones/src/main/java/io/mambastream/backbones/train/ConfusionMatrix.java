package io.mambastream.backbones.train;

import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs over a set of classified items: row {@code a} holds
 * the items of class {@code a}, column {@code p} those predicted as {@code p}. Per-class recall
 * (the class's own accuracy) and precision follow from it; a class with no items, or never
 * predicted, has NaN there.
 */
public final class ConfusionMatrix {

  private final long[][] counts;

  private ConfusionMatrix(long[][] counts) {
    this.counts = counts;
  }

  /**
   * Counts {@code truth[i]} against {@code predicted[i]} for every item.
   *
   * @throws IllegalArgumentException if the arrays differ in length or a label is outside [0,
   *     classes)
   */
  public static ConfusionMatrix of(int classes, int[] truth, int[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException(
          truth.length + " true labels but " + predicted.length + " predictions");
    }
    long[][] counts = new long[classes][classes];
    for (int i = 0; i < truth.length; i++) {
      counts[label(truth[i], classes, "true")][label(predicted[i], classes, "predicted")]++;
    }
    return new ConfusionMatrix(counts);
  }

  private static int label(int value, int classes, String what) {
    if (value < 0 || value >= classes) {
      throw new IllegalArgumentException(
          what + " label " + value + " outside [0, " + classes + ")");
    }
    return value;
  }

  /** Returns the number of classes K (the matrix is K × K). */
  public int classes() {
    return counts.length;
  }

  /** Returns how many items of class {@code actual} were predicted as {@code predicted}. */
  public long count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  /** Returns a copy of the counts, rows by true class. */
  public long[][] rows() {
    long[][] copy = new long[counts.length][];
    for (int a = 0; a < counts.length; a++) {
      copy[a] = counts[a].clone();
    }
    return copy;
  }

  /** Returns the number of items counted. */
  public long items() {
    return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
  }

  /** Returns the number of items classified right (the diagonal). */
  public long correct() {
    long right = 0;
    for (int k = 0; k < counts.length; k++) {
      right += counts[k][k];
    }
    return right;
  }

  /** Returns the fraction classified right, NaN without items. */
  public double accuracy() {
    return ratio(correct(), items());
  }

  /** Returns the number of items of class {@code actual} (its row's sum). */
  public long support(int actual) {
    return Arrays.stream(counts[actual]).sum();
  }

  /** Returns the fraction of class {@code k}'s items predicted as {@code k} (its recall). */
  public double recall(int k) {
    return ratio(counts[k][k], support(k));
  }

  /** Returns the fraction of the items predicted as {@code k} that are of class {@code k}. */
  public double precision(int k) {
    long predicted = 0;
    for (long[] row : counts) {
      predicted += row[k];
    }
    return ratio(counts[k][k], predicted);
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
