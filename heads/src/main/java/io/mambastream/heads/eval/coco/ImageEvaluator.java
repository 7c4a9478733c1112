package io.mambastream.heads.eval.coco;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Greedy matching of one image's detections to its ground truths for one category and one area
 * range, per IoU threshold (pycocotools' {@code evaluateImg}).
 *
 * <p>Steps, as in the reference:
 *
 * <ol>
 *   <li>A ground truth is ignored when it is a crowd region or its {@code area} lies outside the
 *       range; ground truths are stably sorted with the ignored ones last.
 *   <li>For each threshold t and each detection in score order, the best still-available ground
 *       truth with IoU ≥ min(t, 1 − 1e-10) is taken; a crowd ground truth stays available; once a
 *       regular ground truth is the best so far, ignored ones are not considered.
 *   <li>A detection matched to an ignored ground truth is ignored; so is an unmatched detection
 *       whose own area lies outside the range.
 * </ol>
 */
public final class ImageEvaluator {
  private static final double MAX_IOU_THRESHOLD = 1 - 1e-10;

  private ImageEvaluator() {}

  /**
   * Matches {@code dts} to {@code gts}.
   *
   * @param gts the ground truths of the image and category, in file order
   * @param dts the detections, sorted by descending score (stable) and cut to 100
   * @param ious D×G IoUs of {@code dts} against {@code gts} in the given orders
   * @param range the area range
   */
  public static ImageEvaluation evaluate(
      List<CocoAnnotation> gts, List<CocoDetection> dts, double[][] ious, AreaRange range) {
    int gtCount = gts.size();
    int dtCount = dts.size();
    boolean[] gtIgnoredInFileOrder = new boolean[gtCount];
    for (int g = 0; g < gtCount; g++) {
      CocoAnnotation gt = gts.get(g);
      gtIgnoredInFileOrder[g] = gt.crowd() || !range.contains(gt.area());
    }
    // Stable sort: regular ground truths first, ignored ones last, each group in file order.
    int[] order =
        IntStream.range(0, gtCount)
            .boxed()
            .sorted(Comparator.comparing(g -> gtIgnoredInFileOrder[g]))
            .mapToInt(Integer::intValue)
            .toArray();
    boolean[] gtIgnored = new boolean[gtCount];
    int relevant = 0;
    for (int g = 0; g < gtCount; g++) {
      gtIgnored[g] = gtIgnoredInFileOrder[order[g]];
      relevant += gtIgnored[g] ? 0 : 1;
    }

    int thresholds = CocoParameters.T;
    boolean[][] matched = new boolean[thresholds][dtCount];
    boolean[][] ignored = new boolean[thresholds][dtCount];
    for (int t = 0; t < thresholds; t++) {
      boolean[] gtTaken = new boolean[gtCount];
      for (int d = 0; d < dtCount; d++) {
        int best = bestMatch(ious[d], order, gts, gtIgnored, gtTaken, t);
        if (best < 0) {
          continue;
        }
        ignored[t][d] = gtIgnored[best];
        matched[t][d] = gts.get(order[best]).id() != 0;
        gtTaken[best] = true;
      }
      for (int d = 0; d < dtCount; d++) {
        if (!matched[t][d] && !range.contains(dts.get(d).area())) {
          ignored[t][d] = true;
        }
      }
    }
    double[] scores = dts.stream().mapToDouble(CocoDetection::score).toArray();
    return new ImageEvaluation(scores, matched, ignored, relevant);
  }

  /** Returns the sorted position of the ground truth a detection takes, or -1. */
  private static int bestMatch(
      double[] iousOfDetection,
      int[] order,
      List<CocoAnnotation> gts,
      boolean[] gtIgnored,
      boolean[] gtTaken,
      int t) {
    double best = Math.min(CocoParameters.iouThreshold(t), MAX_IOU_THRESHOLD);
    int match = -1;
    for (int g = 0; g < order.length; g++) {
      if (gtTaken[g] && !gts.get(order[g]).crowd()) {
        continue;
      }
      if (match > -1 && !gtIgnored[match] && gtIgnored[g]) {
        break;
      }
      double iou = iousOfDetection[order[g]];
      if (iou < best) {
        continue;
      }
      best = iou;
      match = g;
    }
    return match;
  }
}
