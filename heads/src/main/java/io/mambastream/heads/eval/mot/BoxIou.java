package io.mambastream.heads.eval.mot;

/**
 * Intersection over union of two {@code (x, y, w, h)} boxes, computed in the same floating-point
 * order as each reference tool, so that pairs at exactly the threshold fall on the same side.
 */
public final class BoxIou {
  private static final double EPS = Math.ulp(1.0);

  private BoxIou() {}

  /**
   * py-motmetrics' {@code distances.boxiou}: corners (x, y) and (x + w, y + h); sizes clamped at 0;
   * IoU = 0 when the intersection is 0, else intersection / (areaA + areaB − intersection).
   */
  public static double motmetrics(MotBox a, MotBox b) {
    double ax1 = a.x() + a.w();
    double ay1 = a.y() + a.h();
    double bx1 = b.x() + b.w();
    double by1 = b.y() + b.h();
    double iw = Math.max(Math.min(ax1, bx1) - Math.max(a.x(), b.x()), 0);
    double ih = Math.max(Math.min(ay1, by1) - Math.max(a.y(), b.y()), 0);
    double inter = iw * ih;
    if (inter == 0) {
      return 0;
    }
    double areaA = Math.max(ax1 - a.x(), 0) * Math.max(ay1 - a.y(), 0);
    double areaB = Math.max(bx1 - b.x(), 0) * Math.max(by1 - b.y(), 0);
    return inter / (areaA + areaB - inter);
  }

  /**
   * TrackEval's {@code _calculate_box_ious} for {@code xywh}: corners (x, y) and (x + w, y + h);
   * IoU = 0 when either area or the union is ≤ machine epsilon.
   */
  public static double trackEval(MotBox a, MotBox b) {
    double ax1 = a.x() + a.w();
    double ay1 = a.y() + a.h();
    double bx1 = b.x() + b.w();
    double by1 = b.y() + b.h();
    double inter =
        Math.max(Math.min(ax1, bx1) - Math.max(a.x(), b.x()), 0)
            * Math.max(Math.min(ay1, by1) - Math.max(a.y(), b.y()), 0);
    double areaA = (ax1 - a.x()) * (ay1 - a.y());
    double areaB = (bx1 - b.x()) * (by1 - b.y());
    double union = areaA + areaB - inter;
    if (areaA <= EPS || areaB <= EPS || union <= EPS) {
      return 0;
    }
    return inter / union;
  }
}
