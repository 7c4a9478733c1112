package io.mambastream.heads.eval.coco;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The 12 numbers of pycocotools' {@code summarize()}, in its order.
 *
 * <p>Each is the plain mean of the entries > -1 of a slice of the precision (AP) or recall (AR)
 * array, or -1 when there are none. AP slices run over the IoU thresholds (or one), the 101 recall
 * points and the categories; AR slices over the thresholds and categories. The constant names
 * (detectron2's) are the keys of {@code eval coco --json}.
 */
public enum CocoStat {
  AP(true, -1, AreaRange.ALL, 100),
  AP50(true, 0.5, AreaRange.ALL, 100),
  AP75(true, 0.75, AreaRange.ALL, 100),
  APs(true, -1, AreaRange.SMALL, 100),
  APm(true, -1, AreaRange.MEDIUM, 100),
  APl(true, -1, AreaRange.LARGE, 100),
  AR1(false, -1, AreaRange.ALL, 1),
  AR10(false, -1, AreaRange.ALL, 10),
  AR100(false, -1, AreaRange.ALL, 100),
  ARs(false, -1, AreaRange.SMALL, 100),
  ARm(false, -1, AreaRange.MEDIUM, 100),
  ARl(false, -1, AreaRange.LARGE, 100);

  private final boolean precision;
  private final double iouThreshold;
  private final AreaRange area;
  private final int maxDets;

  CocoStat(boolean precision, double iouThreshold, AreaRange area, int maxDets) {
    this.precision = precision;
    this.iouThreshold = iouThreshold;
    this.area = area;
    this.maxDets = maxDets;
  }

  /** Returns the stat over all categories. */
  public double value(CocoAccumulation accumulation) {
    return value(accumulation, 0, accumulation.categories());
  }

  /** Returns the stat restricted to category index {@code k}. */
  public double value(CocoAccumulation accumulation, int k) {
    return value(accumulation, k, k + 1);
  }

  private double value(CocoAccumulation acc, int fromK, int toK) {
    int a = area.ordinal();
    int m = maxDetsIndex();
    int firstT = iouThreshold < 0 ? 0 : CocoParameters.iouThresholdIndex(iouThreshold);
    int lastT = iouThreshold < 0 ? CocoParameters.T : firstT + 1;
    int recallPoints = precision ? CocoParameters.R : 1;
    double[] kept = new double[(lastT - firstT) * recallPoints * (toK - fromK)];
    int n = 0;
    // C order of the numpy slice: threshold, then recall point, then category.
    for (int t = firstT; t < lastT; t++) {
      for (int r = 0; r < recallPoints; r++) {
        for (int k = fromK; k < toK; k++) {
          double v = precision ? acc.precision(t, r, k, a, m) : acc.recall(t, k, a, m);
          if (v > -1) {
            kept[n++] = v;
          }
        }
      }
    }
    return n == 0 ? -1 : NumpyMean.mean(kept, n);
  }

  private int maxDetsIndex() {
    for (int m = 0; m < CocoParameters.maxDetsCount(); m++) {
      if (CocoParameters.maxDets(m) == maxDets) {
        return m;
      }
    }
    throw new IllegalStateException("no detection limit " + maxDets);
  }

  /**
   * Returns the summary line pycocotools prints for {@code value}, e.g. {@code " Average Precision
   * (AP) @[ IoU=0.50:0.95 | area= all | maxDets=100 ] = 0.503"} (padding kept).
   */
  public String line(double value) {
    String title = precision ? "Average Precision" : "Average Recall";
    String kind = precision ? "(AP)" : "(AR)";
    String iou = iouThreshold < 0 ? "0.50:0.95" : fixed(iouThreshold, 2);
    return String.format(
        " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %s",
        title, kind, iou, area.label(), maxDets, fixed(value, 3));
  }

  /** Python's {@code '{:0.Nf}'}: the exact binary value rounded half-to-even. */
  private static String fixed(double value, int digits) {
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }
}
