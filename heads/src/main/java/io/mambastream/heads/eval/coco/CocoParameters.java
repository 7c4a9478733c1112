package io.mambastream.heads.eval.coco;

/**
 * The fixed evaluation settings of COCO detection, bit-for-bit as pycocotools builds them.
 *
 * <p>Both threshold lists are numpy {@code linspace} values ({@code start + i * step}, the last set
 * to the end point), which is why the ninth IoU threshold is 0.8999999999999999 and not 0.9.
 */
public final class CocoParameters {
  /** Number of IoU thresholds (T). */
  public static final int T = 10;

  /** Number of recall points (R). */
  public static final int R = 101;

  /** The three per-image detection limits (M), smallest first. */
  private static final int[] MAX_DETS = {1, 10, 100};

  private static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, T);
  private static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.0, R);

  private CocoParameters() {}

  /** Returns IoU threshold {@code t}, 0 ≤ t < T: 0.50, 0.55, ..., 0.95. */
  public static double iouThreshold(int t) {
    return IOU_THRESHOLDS[t];
  }

  /** Returns recall point {@code r}, 0 ≤ r < R: 0.00, 0.01, ..., 1.00. */
  public static double recallThreshold(int r) {
    return RECALL_THRESHOLDS[r];
  }

  /** Returns the recall points as a fresh array. */
  public static double[] recallThresholds() {
    return RECALL_THRESHOLDS.clone();
  }

  /** Returns the number of detection limits (M). */
  public static int maxDetsCount() {
    return MAX_DETS.length;
  }

  /** Returns detection limit {@code m}: 1, 10 or 100. */
  public static int maxDets(int m) {
    return MAX_DETS[m];
  }

  /** Returns the largest detection limit (100), applied when images are evaluated. */
  public static int largestMaxDets() {
    return MAX_DETS[MAX_DETS.length - 1];
  }

  /** Returns the index of IoU threshold {@code value} (compared exactly, as numpy does). */
  public static int iouThresholdIndex(double value) {
    for (int t = 0; t < T; t++) {
      if (IOU_THRESHOLDS[t] == value) {
        return t;
      }
    }
    throw new IllegalArgumentException("not a COCO IoU threshold: " + value);
  }

  /** numpy's {@code linspace(start, stop, num)} with its end point. */
  private static double[] linspace(double start, double stop, int num) {
    double step = (stop - start) / (num - 1);
    double[] values = new double[num];
    for (int i = 0; i < num; i++) {
      values[i] = i * step + start;
    }
    values[num - 1] = stop;
    return values;
  }
}
