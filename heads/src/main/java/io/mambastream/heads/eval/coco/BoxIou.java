package io.mambastream.heads.eval.coco;

/**
 * IoU between {@code [x, y, w, h]} boxes, as pycocotools' {@code maskUtils.iou} computes it (no
 * "+1" on widths).
 *
 * <p>For a crowd ground truth the union is replaced by the detection's area, so a detection lying
 * inside a crowd region scores 1 however small it is.
 */
public final class BoxIou {
  private BoxIou() {}

  /** Returns the D×G matrix of IoUs of detection boxes {@code dts} against {@code gts}. */
  public static double[][] matrix(double[][] dts, double[][] gts, boolean[] crowd) {
    double[][] ious = new double[dts.length][gts.length];
    for (int g = 0; g < gts.length; g++) {
      for (int d = 0; d < dts.length; d++) {
        ious[d][g] = iou(dts[d], gts[g], crowd[g]);
      }
    }
    return ious;
  }

  /** Returns the IoU of box {@code dt} with box {@code gt} (intersection over dt area if crowd). */
  public static double iou(double[] dt, double[] gt, boolean crowd) {
    double w = Math.min(dt[2] + dt[0], gt[2] + gt[0]) - Math.max(dt[0], gt[0]);
    if (w <= 0) {
      return 0;
    }
    double h = Math.min(dt[3] + dt[1], gt[3] + gt[1]) - Math.max(dt[1], gt[1]);
    if (h <= 0) {
      return 0;
    }
    double intersection = w * h;
    double dtArea = dt[2] * dt[3];
    double union = crowd ? dtArea : dtArea + gt[2] * gt[3] - intersection;
    return intersection / union;
  }
}
