package io.mambastream.backbones.train;

import java.util.stream.IntStream;

/**
 * The item indices of a training run: training = the first {@code n − valSize} items of the
 * training split (at most {@code limit}), validation = its last {@code valSize} (at most {@code
 * limit / 5}; none when {@code valSize} is 0), test = the test split (at most {@code limit / 5}).
 *
 * @param train training items, in split order
 * @param val validation items (empty: no validation)
 * @param test test items
 */
record TrainingSplits(int[] train, int[] val, int[] test) {

  /**
   * The splits of {@code trainSize} training and {@code testSize} test items.
   *
   * @throws IllegalArgumentException if validation leaves no training items
   */
  static TrainingSplits of(int trainSize, int testSize, int valSize, int limit) {
    int available = trainSize - valSize;
    if (available <= 0) {
      throw new IllegalArgumentException(
          "validation size " + valSize + " leaves no training items of " + trainSize);
    }
    int evalLimit = limit == 0 ? 0 : Math.max(1, limit / 5);
    int valCount = cap(valSize, evalLimit);
    return new TrainingSplits(
        IntStream.range(0, cap(available, limit)).toArray(),
        IntStream.range(trainSize - valCount, trainSize).toArray(),
        IntStream.range(0, cap(testSize, evalLimit)).toArray());
  }

  /** Returns whether the run validates (has validation items). */
  boolean validating() {
    return val.length > 0;
  }

  private static int cap(int size, int limit) {
    return limit > 0 ? Math.min(size, limit) : size;
  }
}
