package io.mambastream.backbones.ssm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * exp and log1p on float vectors from exactly rounded operations only (add, mul, fma, compares, bit
 * reinterpretation and shifts), so a JVM gives the same bits however far it has compiled the
 * kernel.
 *
 * <p>Why not {@code lanewise(EXP)} and {@code LOG}: the Vector API computes them lane by lane with
 * {@code Math.exp}/{@code Math.log} until the JIT compiles the caller, then with the platform's
 * short-vector math routines; both are within 1 ulp of exp, but not the same bits, so the fused
 * scan's first calls in a JVM differed from later ones by 1–2 ulp. exp is the Cephes single
 * precision polynomial (about 1 ulp); log1p a polynomial of our own fit for the one range the scan
 * needs.
 */
final class VectorMath {

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;

  /** 1.5 · 2^23: (t + R) − R rounds t to the nearest integer, exactly, for |t| < 2^22. */
  private static final float ROUNDER = 12582912f;

  private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

  /** Below this, exp is under the smallest normal float: 0. */
  private static final float EXP_MIN = -87.33654f;

  /**
   * e^x per lane for x ≤ 88.37 (0 below −87.34, where e^x is no longer a normal float); larger x
   * overflow the exponent field, so callers keep x ≤ 0 (the scan's decays, softplus and sigmoid of
   * −|v|).
   */
  static FloatVector exp(FloatVector x) {
    FloatVector shifted = x.mul(LOG2E).add(ROUNDER);
    FloatVector k = shifted.sub(ROUNDER);
    // r = x − k·ln 2, with ln 2 in two parts so that k·LN2_HI is exact.
    FloatVector r = k.fma(broadcast(x, -LN2_LO), k.fma(broadcast(x, -LN2_HI), x));
    // Cephes expf: e^r ≈ 1 + r + r²·P(r) on [−ln2/2, ln2/2], Horner's rule written out (a loop
    // over the coefficients would box the vector at the loop's phi: 6x slower).
    FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
    p = p.fma(r, broadcast(r, 8.3334519073e-3f));
    p = p.fma(r, broadcast(r, 4.1665795894e-2f));
    p = p.fma(r, broadcast(r, 1.6666665459e-1f));
    p = p.fma(r, broadcast(r, 5.0000001201e-1f));
    FloatVector expR = p.fma(r.mul(r), r).add(1f);
    // 2^k from the bits of k + ROUNDER, whose low mantissa bits hold k: no float-to-int conversion.
    IntVector exponent =
        shifted.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
    return expR.mul(exponent.reinterpretAsFloats()).blend(0f, x.lt(EXP_MIN));
  }

  /**
   * log(1 + w) per lane for w in [0, 1] (softplus's log1p(e^-|v|)), as w·P(w) with P of degree 8
   * fitted to log1p(w)/w on Chebyshev nodes (our fit: at most 2.3 ulp, 1.9e-7 relative, in float).
   */
  static FloatVector log1pUnit(FloatVector w) {
    FloatVector p = w.fma(5.2534708533e-03f, -2.9588580477e-02f);
    p = p.fma(w, broadcast(w, 7.8361826707e-02f));
    p = p.fma(w, broadcast(w, -1.3674787300e-01f));
    p = p.fma(w, broadcast(w, 1.9111441897e-01f));
    p = p.fma(w, broadcast(w, -2.4844373591e-01f));
    p = p.fma(w, broadcast(w, 3.3319272003e-01f));
    p = p.fma(w, broadcast(w, -4.9999501569e-01f));
    p = p.fma(w, broadcast(w, 9.9999997055e-01f));
    return p.mul(w);
  }

  private static FloatVector broadcast(FloatVector like, float value) {
    return FloatVector.broadcast(like.species(), value);
  }
}
