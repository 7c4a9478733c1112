package io.mambastream.backbones.ssm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused scan of one channel with the Vector API: the recurrence is vectorised over the state
 * dimension N (one register of h per chunk of lanes, carried over all t), the Δ and output passes
 * over the positions L; the remainders that do not fill a vector go through {@link
 * ScalarScanKernel}.
 *
 * <p>The JIT compiles vector operations to machine instructions only when it sees one species at a
 * call site, so a JVM should use one width; other widths still give the same results, slowly.
 */
final class VectorScanKernel extends ScalarScanKernel {
  private final VectorSpecies<Float> species;

  VectorScanKernel(VectorSpecies<Float> species) {
    this.species = species;
  }

  @Override
  String describe() {
    return species.vectorBitSize() + "-bit (" + species.length() + " floats)";
  }

  @Override
  void discretize(ScanArrays in, int b, int d, ScanWorkspace.Row row, int from, int to) {
    int base = (b * in.channels() + d) * in.length();
    int maskBase = b * in.length();
    float bias = in.deltaBias() == null ? 0f : in.deltaBias()[d];
    boolean carry = in.maskMode() == MaskMode.CARRY_STATE;
    int bound = from + species.loopBound(to - from);
    int t = from;
    for (; t < bound; t += species.length()) {
      FloatVector step = FloatVector.fromArray(species, in.delta(), base + t).add(bias);
      if (in.deltaSoftplus()) {
        step = softplus(step);
      }
      FloatVector injection = step.mul(FloatVector.fromArray(species, in.x(), base + t));
      if (in.keptMask() != null) {
        VectorMask<Float> pruned = VectorMask.fromArray(species, in.keptMask(), maskBase + t).not();
        injection = injection.blend(0f, pruned);
        if (carry) {
          step = step.blend(0f, pruned);
        }
      }
      step.intoArray(row.step, t);
      injection.intoArray(row.injection, t);
    }
    super.discretize(in, b, d, row, t, to);
  }

  @Override
  void recur(
      ScanArrays in,
      float[] bT,
      float[] cT,
      int b,
      int d,
      ScanWorkspace.Row row,
      float[] lastState) {
    int n = in.stateSize();
    int length = in.length();
    int projectedBase = b * length * n;
    int stateBase = (b * in.channels() + d) * n;
    float[] step = row.step;
    float[] injection = row.injection;
    float[] readout = row.readout;
    int bound = species.loopBound(n);
    for (int s = 0; s < bound; s += species.length()) {
      FloatVector a = FloatVector.fromArray(species, in.a(), d * n + s);
      FloatVector h = FloatVector.zero(species);
      for (int t = 0, at = projectedBase + s; t < length; t++, at += n) {
        FloatVector decay = a.mul(step[t]).lanewise(VectorOperators.EXP);
        FloatVector input = FloatVector.fromArray(species, bT, at).mul(injection[t]);
        h = decay.fma(h, input);
        readout[t] +=
            FloatVector.fromArray(species, cT, at).mul(h).reduceLanes(VectorOperators.ADD);
      }
      h.intoArray(lastState, stateBase + s);
    }
    recur(in, bT, cT, b, d, row, lastState, bound, n);
  }

  @Override
  void finish(ScanArrays in, int b, int d, ScanWorkspace.Row row, float[] y, int from, int to) {
    int base = (b * in.channels() + d) * in.length();
    int maskBase = b * in.length();
    float skip = in.d() == null ? 0f : in.d()[d];
    int bound = from + species.loopBound(to - from);
    int t = from;
    for (; t < bound; t += species.length()) {
      FloatVector x = FloatVector.fromArray(species, in.x(), base + t);
      FloatVector out = x.mul(skip).add(FloatVector.fromArray(species, row.readout, t));
      if (in.z() != null) {
        out = out.mul(silu(FloatVector.fromArray(species, in.z(), base + t)));
      }
      if (in.keptMask() != null) {
        out = out.blend(0f, VectorMask.fromArray(species, in.keptMask(), maskBase + t).not());
      }
      out.intoArray(y, base + t);
    }
    super.finish(in, b, d, row, y, t, to);
  }

  /**
   * softplus(v) = max(v, 0) + log1p(e^-|v|), with log1p(w) = log(u)·w/(u − 1) for u = 1 + w (exact
   * to a few ulps; w itself where u rounds to 1).
   */
  private static FloatVector softplus(FloatVector v) {
    FloatVector w = v.abs().neg().lanewise(VectorOperators.EXP);
    FloatVector u = w.add(1f);
    FloatVector uMinusOne = u.sub(1f);
    FloatVector log1p = u.lanewise(VectorOperators.LOG).mul(w).div(uMinusOne);
    log1p = log1p.blend(w, uMinusOne.eq(0f));
    return v.max(0f).add(log1p);
  }

  /** silu(v) = v / (1 + e^-v). */
  private static FloatVector silu(FloatVector v) {
    return v.div(v.neg().lanewise(VectorOperators.EXP).add(1f));
  }
}
