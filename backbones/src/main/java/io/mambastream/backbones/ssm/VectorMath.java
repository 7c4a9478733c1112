package io.mambastream.backbones.ssm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and log on float vectors from exactly rounded operations only (add, mul, fma, min/max,
 * conversions, bit shifts), so a JVM gives the same bits however far it has compiled the kernel.
 *
 * <p>Why not {@code lanewise(EXP)} and {@code LOG}: the Vector API computes them lane by lane with
 * {@code Math.exp}/{@code Math.log} until the JIT compiles the caller, then with the platform's
 * short-vector math routines; both are within 1 ulp of exp, but not the same bits, so the fused
 * scan's first calls in a JVM differed from later ones by 1–2 ulp. These are the Cephes single
 * precision polynomials (about 1 ulp over the ranges the scan uses).
 */
final class VectorMath {

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;

  /** 1.5 · 2^23: (t + R) − R rounds t to the nearest integer, exactly, for |t| < 2^22. */
  private static final float ROUNDER = 12582912f;

  /** Below this, exp is under the smallest normal float: 0. */
  private static final float EXP_MIN = -87.33654f;

  /** Above this, 2^k no longer has a float exponent: +∞. */
  private static final float EXP_MAX = 88.0f;

  private static final float SQRT2 = 1.41421356237309505f;

  /** Cephes expf: e^r ≈ 1 + r + r²·P(r) on [−ln2/2, ln2/2]. */
  private static final float[] EXP_P = {
    1.9875691500e-4f,
    1.3981999507e-3f,
    8.3334519073e-3f,
    4.1665795894e-2f,
    1.6666665459e-1f,
    5.0000001201e-1f
  };

  /** Cephes logf: log(1 + f) ≈ f − f²/2 + f³·P(f) on [√½ − 1, √2 − 1]. */
  private static final float[] LOG_P = {
    7.0376836292e-2f,
    -1.1514610310e-1f,
    1.1676998740e-1f,
    -1.2420140846e-1f,
    1.4249322787e-1f,
    -1.6668057665e-1f,
    2.0000714765e-1f,
    -2.4999993993e-1f,
    3.3333331174e-1f
  };

  private VectorMath() {}

  /** e^x per lane (0 below −87.34, +∞ above 88). */
  static FloatVector exp(FloatVector x) {
    VectorSpecies<Float> species = x.species();
    FloatVector clamped = x.max(EXP_MIN).min(EXP_MAX);
    FloatVector k = clamped.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
    // r = x − k·ln 2, with ln 2 in two parts so that k·LN2_HI is exact.
    FloatVector r =
        k.fma(FloatVector.broadcast(species, -LN2_HI), clamped)
            .add(k.mul(-LN2_LO)); // LN2_LO < 0: adds k·|LN2_LO|
    FloatVector expR = horner(r, EXP_P).fma(r.mul(r), r).add(1f);
    IntVector exponent =
        ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
    return expR.mul(exponent.reinterpretAsFloats())
        .blend(0f, x.lt(EXP_MIN))
        .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX));
  }

  /** log(u) per lane for u in [1, 2] (the argument of softplus's log1p). */
  static FloatVector logOneToTwo(FloatVector u) {
    // u = 2^e · (1 + f) with 1 + f in [√½, √2): e = 1 from √2 on, else 0; both forms are exact.
    VectorMask<Float> high = u.compare(VectorOperators.GE, SQRT2);
    FloatVector f = u.sub(1f).blend(u.mul(0.5f).sub(1f), high);
    FloatVector e = FloatVector.zero(u.species()).blend(1f, high);
    FloatVector z = f.mul(f);
    FloatVector y = horner(f, LOG_P).mul(f).mul(z).add(e.mul(LN2_LO)).sub(z.mul(0.5f));
    return f.add(y).add(e.mul(LN2_HI));
  }

  /** c[0]·x^(n−1) + … + c[n−1] by Horner's rule with fused multiply-adds. */
  private static FloatVector horner(FloatVector x, float[] c) {
    VectorSpecies<Float> species = x.species();
    FloatVector p = FloatVector.broadcast(species, c[0]);
    for (int i = 1; i < c.length; i++) {
      p = p.fma(x, FloatVector.broadcast(species, c[i]));
    }
    return p;
  }
}
