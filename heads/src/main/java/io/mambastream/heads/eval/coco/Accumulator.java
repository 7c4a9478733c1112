package io.mambastream.heads.eval.coco;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-image matchings into precision/recall curves (pycocotools' {@code accumulate}).
 *
 * <p>For each category, area range and detection limit: the first {@code maxDets} detections of
 * every image are pooled and stably sorted by descending score (images in id order); per IoU
 * threshold, cumulative true and false positives (ignored detections count as neither) give recall
 * {@code tp / npig} and precision {@code tp / (fp + tp + eps)}, eps = 2⁻⁵²; precision is made
 * non-increasing from the right, then sampled at the 101 recall points by a left binary search, 0
 * past the highest recall reached.
 */
final class Accumulator {
  /** numpy's {@code spacing(1)}. */
  private static final double EPS = Math.ulp(1.0);

  private Accumulator() {}

  /**
   * Accumulates {@code evaluations[k][a][i]} (null where image i has neither ground truths nor
   * detections of category k).
   */
  static CocoAccumulation accumulate(ImageEvaluation[][][] evaluations) {
    int categories = evaluations.length;
    CocoAccumulation result = new CocoAccumulation(categories);
    for (int k = 0; k < categories; k++) {
      for (int a = 0; a < AreaRange.values().length; a++) {
        List<ImageEvaluation> present = new ArrayList<>();
        for (ImageEvaluation e : evaluations[k][a]) {
          if (e != null) {
            present.add(e);
          }
        }
        for (int m = 0; m < CocoParameters.maxDetsCount(); m++) {
          if (!present.isEmpty()) {
            accumulate(present, CocoParameters.maxDets(m), k, a, m, result);
          }
        }
      }
    }
    return result;
  }

  private static void accumulate(
      List<ImageEvaluation> evaluations,
      int maxDets,
      int k,
      int a,
      int m,
      CocoAccumulation result) {
    int total = 0;
    int relevant = 0;
    for (ImageEvaluation e : evaluations) {
      total += Math.min(maxDets, e.scores().length);
      relevant += e.relevantGroundTruths();
    }
    if (relevant == 0) {
      return;
    }
    // Pool the first maxDets detections of every image: detection j is number local[j] of image
    // evaluation owner[j].
    double[] scores = new double[total];
    int[] owner = new int[total];
    int[] local = new int[total];
    int j = 0;
    for (int e = 0; e < evaluations.size(); e++) {
      double[] imageScores = evaluations.get(e).scores();
      for (int d = 0; d < Math.min(maxDets, imageScores.length); d++, j++) {
        scores[j] = imageScores[d];
        owner[j] = e;
        local[j] = d;
      }
    }
    int[] order = ScoreOrder.descending(scores);
    double[] recall = new double[total];
    double[] precision = new double[total];
    for (int t = 0; t < CocoParameters.T; t++) {
      long tp = 0;
      long fp = 0;
      for (int i = 0; i < total; i++) {
        ImageEvaluation e = evaluations.get(owner[order[i]]);
        int d = local[order[i]];
        if (!e.ignored()[t][d]) {
          if (e.matched()[t][d]) {
            tp++;
          } else {
            fp++;
          }
        }
        recall[i] = (double) tp / relevant;
        precision[i] = tp / ((double) fp + (double) tp + EPS);
      }
      result.setRecall(t, k, a, m, total > 0 ? recall[total - 1] : 0);
      for (int i = total - 1; i > 0; i--) {
        if (precision[i] > precision[i - 1]) {
          precision[i - 1] = precision[i];
        }
      }
      for (int r = 0; r < CocoParameters.R; r++) {
        int i = searchLeft(recall, total, CocoParameters.recallThreshold(r));
        result.setPrecision(t, r, k, a, m, i < total ? precision[i] : 0);
      }
    }
  }

  /** numpy's {@code searchsorted(sorted, key, side='left')}: the first i with sorted[i] ≥ key. */
  private static int searchLeft(double[] sorted, int n, double key) {
    int low = 0;
    int high = n;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
