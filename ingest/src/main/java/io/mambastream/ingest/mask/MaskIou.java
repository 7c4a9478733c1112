package io.mambastream.ingest.mask;

/**
 * Intersection over union of two {@link Rle} masks, as pycocotools' {@code rleIou} computes it.
 *
 * <p>Both run lists are swept together, counting pixels set in either (union) and in both
 * (intersection). For a crowd ground truth the union is replaced by the detection's area. Masks of
 * different sizes score -1 and so never match (pycocotools gives -1 when their boxes overlap and 0
 * otherwise, which no threshold can tell apart).
 */
public final class MaskIou {
  private MaskIou() {}

  /** Returns the IoU of detection mask {@code dt} with ground-truth mask {@code gt}. */
  public static double iou(Rle dt, Rle gt, boolean crowd) {
    if (dt.height() != gt.height() || dt.width() != gt.width()) {
      return -1;
    }
    int[] a = dt.counts();
    int[] b = gt.counts();
    long intersection = 0;
    long union = 0;
    int ia = 0;
    int ib = 0;
    long leftA = a.length > 0 ? a[0] : 0;
    long leftB = b.length > 0 ? b[0] : 0;
    while (true) {
      while (leftA == 0 && ia + 1 < a.length) {
        leftA = a[++ia];
      }
      while (leftB == 0 && ib + 1 < b.length) {
        leftB = b[++ib];
      }
      if (leftA == 0 || leftB == 0) {
        break; // both lists cover the same pixels, so both end here
      }
      long step = Math.min(leftA, leftB);
      boolean inA = ia % 2 == 1;
      boolean inB = ib % 2 == 1;
      if (inA || inB) {
        union += step;
        if (inA && inB) {
          intersection += step;
        }
      }
      leftA -= step;
      leftB -= step;
    }
    if (intersection == 0) {
      return 0;
    }
    double denominator = crowd ? dt.area() : union;
    return (double) intersection / denominator;
  }

  /** Returns the D×G matrix of IoUs of {@code dts} against {@code gts}. */
  public static double[][] matrix(Rle[] dts, Rle[] gts, boolean[] crowd) {
    double[][] ious = new double[dts.length][gts.length];
    for (int d = 0; d < dts.length; d++) {
      for (int g = 0; g < gts.length; g++) {
        ious[d][g] = iou(dts[d], gts[g], crowd[g]);
      }
    }
    return ious;
  }
}
