package io.mambastream.heads.eval.coco;

/**
 * Orders detections by descending score as numpy's {@code argsort(-scores, kind='mergesort')} does:
 * a stable sort, so tied scores keep their order, and -0.0 ties with 0.0.
 */
final class ScoreOrder {
  private ScoreOrder() {}

  /** Returns the indices of {@code scores} in descending order, ties in index order. */
  static int[] descending(double[] scores) {
    int[] order = new int[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    mergeSort(scores, order, new int[order.length], 0, order.length);
    return order;
  }

  /** Sorts {@code order[from, to)} by descending score, stably, using {@code buffer}. */
  private static void mergeSort(double[] scores, int[] order, int[] buffer, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int middle = (from + to) >>> 1;
    mergeSort(scores, order, buffer, from, middle);
    mergeSort(scores, order, buffer, middle, to);
    // Take from the right half only when strictly higher (< and >, not Double.compare, so that
    // -0.0 and 0.0 tie): that keeps equal scores in index order.
    System.arraycopy(order, from, buffer, from, to - from);
    int left = from;
    int right = middle;
    for (int i = from; i < to; i++) {
      if (right < to && (left >= middle || scores[buffer[right]] > scores[buffer[left]])) {
        order[i] = buffer[right++];
      } else {
        order[i] = buffer[left++];
      }
    }
  }
}
