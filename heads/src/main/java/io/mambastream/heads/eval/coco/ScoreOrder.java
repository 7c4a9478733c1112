package io.mambastream.heads.eval.coco;

import java.util.Arrays;

/**
 * Orders detections by descending score as numpy's {@code argsort(-scores, kind='mergesort')} does:
 * a stable sort, so tied scores keep their order.
 */
final class ScoreOrder {
  private ScoreOrder() {}

  /** Returns the indices of {@code scores} in descending order, ties in index order. */
  static int[] descending(double[] scores) {
    // Compare with < and >, not Double.compare: -0.0 and 0.0 tie, as in numpy.
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> scores[a] > scores[b] ? -1 : scores[a] < scores[b] ? 1 : 0);
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
