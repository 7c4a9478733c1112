package io.mambastream.heads.eval.mot;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * TrackEval's HOTA result of one sequence (or of several combined): per localisation threshold α ∈
 * {0.05, 0.10, …, 0.95} the counts HOTA_TP/FN/FP and the association and localisation scores, from
 * which every reported field is derived. Reported values are means over the 19 thresholds.
 */
public final class HotaCounts {
  /** Number of localisation thresholds. */
  public static final int ALPHAS = 19;

  private final double[] tp;
  private final double[] fn;
  private final double[] fp;
  private final double[] assA;
  private final double[] assRe;
  private final double[] assPr;
  private final double[] locA;
  private final boolean finalFields;

  HotaCounts(
      double[] tp,
      double[] fn,
      double[] fp,
      double[] assA,
      double[] assRe,
      double[] assPr,
      double[] locA,
      boolean finalFields) {
    this.tp = tp;
    this.fn = fn;
    this.fp = fp;
    this.assA = assA;
    this.assRe = assRe;
    this.assPr = assPr;
    this.locA = locA;
    this.finalFields = finalFields;
  }

  /** Returns threshold number {@code a}, computed as NumPy's {@code arange(0.05, 0.99, 0.05)}. */
  public static double alpha(int a) {
    return 0.05 + a * 0.05;
  }

  /**
   * Combines sequences as TrackEval's {@code HOTA.combine_sequences}: counts summed; AssA, AssRe
   * and AssPr averaged with weights HOTA_TP (divided by max(1, Σ TP)); LocA likewise with 1e-10
   * floors.
   */
  public static HotaCounts combine(List<HotaCounts> parts) {
    double[] tp = new double[ALPHAS];
    double[] fn = new double[ALPHAS];
    double[] fp = new double[ALPHAS];
    double[] assA = new double[ALPHAS];
    double[] assRe = new double[ALPHAS];
    double[] assPr = new double[ALPHAS];
    double[] locA = new double[ALPHAS];
    for (int a = 0; a < ALPHAS; a++) {
      double loc = 0;
      for (HotaCounts p : parts) {
        tp[a] += p.tp[a];
        fn[a] += p.fn[a];
        fp[a] += p.fp[a];
        assA[a] += p.assA[a] * p.tp[a];
        assRe[a] += p.assRe[a] * p.tp[a];
        assPr[a] += p.assPr[a] * p.tp[a];
        loc += p.locA[a] * p.tp[a];
      }
      double weight = Math.max(1.0, tp[a]);
      assA[a] /= weight;
      assRe[a] /= weight;
      assPr[a] /= weight;
      locA[a] = Math.max(1e-10, loc) / Math.max(1e-10, tp[a]);
    }
    return new HotaCounts(tp, fn, fp, assA, assRe, assPr, locA, true);
  }

  /** Detection recall TP / max(1, TP + FN) at threshold {@code a} (0 for an empty sequence). */
  public double detRe(int a) {
    return finalFields ? tp[a] / Math.max(1, tp[a] + fn[a]) : 0;
  }

  /** Detection precision TP / max(1, TP + FP) at threshold {@code a}. */
  public double detPr(int a) {
    return finalFields ? tp[a] / Math.max(1, tp[a] + fp[a]) : 0;
  }

  /** Detection accuracy TP / max(1, TP + FN + FP) at threshold {@code a}. */
  public double detA(int a) {
    return finalFields ? tp[a] / Math.max(1, tp[a] + fn[a] + fp[a]) : 0;
  }

  /** Association accuracy at threshold {@code a}. */
  public double assA(int a) {
    return assA[a];
  }

  /** Association recall at threshold {@code a}. */
  public double assRe(int a) {
    return assRe[a];
  }

  /** Association precision at threshold {@code a}. */
  public double assPr(int a) {
    return assPr[a];
  }

  /** Localisation accuracy (mean IoU of the matches) at threshold {@code a}. */
  public double locA(int a) {
    return locA[a];
  }

  /** √(DetA · AssA) at threshold {@code a}. */
  public double hota(int a) {
    return finalFields ? Math.sqrt(detA(a) * assA[a]) : 0;
  }

  /** HOTA_TP at threshold {@code a}. */
  public double tp(int a) {
    return tp[a];
  }

  /** HOTA_FN at threshold {@code a}. */
  public double fn(int a) {
    return fn[a];
  }

  /** HOTA_FP at threshold {@code a}. */
  public double fp(int a) {
    return fp[a];
  }

  /** Mean of {@code field} over the 19 thresholds, as TrackEval's summary reports it. */
  public double mean(IntToDoubleFunction field) {
    double sum = 0;
    for (int a = 0; a < ALPHAS; a++) {
      sum += field.applyAsDouble(a);
    }
    return sum / ALPHAS;
  }
}
