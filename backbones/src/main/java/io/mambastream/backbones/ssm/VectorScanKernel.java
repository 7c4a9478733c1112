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
 * <p>exp and log come from {@link VectorMath}, not the Vector API's EXP and LOG, so results do not
 * depend on how far the JIT has compiled the kernel.
 *
 * <p>The JIT turns vector operations into machine instructions only where it can treat the species
 * as a constant: each width is a subclass whose {@link #species()} returns a static final, which
 * the JIT inlines while a JVM uses one width (other widths in the same JVM give the same results,
 * more slowly).
 */
abstract class VectorScanKernel extends ScalarScanKernel {

  /** Returns the kernel for vectors of {@code bits} bits (64, 128, 256 or 512). */
  static VectorScanKernel ofBits(int bits) {
    switch (bits) {
      case 64:
        return new Width64();
      case 128:
        return new Width128();
      case 256:
        return new Width256();
      case 512:
        return new Width512();
      default:
        throw new IllegalArgumentException("vector bits must be 64, 128, 256 or 512, got " + bits);
    }
  }

  /** Returns the species every vector of this kernel has. */
  abstract VectorSpecies<Float> species();

  @Override
  String describe() {
    return species().vectorBitSize() + "-bit (" + species().length() + " floats)";
  }

  @Override
  void discretize(ScanArrays in, int b, int d, ScanWorkspace.Row row, int from, int to) {
    VectorSpecies<Float> species = species();
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
      float[] lastState,
      boolean reverse) {
    VectorSpecies<Float> species = species();
    int n = in.stateSize();
    int length = in.length();
    int projectedBase = b * length * n;
    int stateBase = (b * in.channels() + d) * n;
    float[] step = row.step;
    float[] injection = row.injection;
    float[] readout = row.readout;
    float[] decay = row.decay;
    float[] parked = row.parked;
    int lanes = species.length();
    int bound = species.loopBound(n);
    int tiles = (length + ScanWorkspace.TILE - 1) / ScanWorkspace.TILE;
    int stride = reverse ? -1 : 1;
    for (int s = 0; s < bound; s += lanes) {
      FloatVector a = FloatVector.fromArray(species, in.a(), d * n + s);
      FloatVector h = FloatVector.zero(species);
      for (int i = 0; i < tiles; i++) {
        // A reverse scan takes the tiles, and the positions inside each, from the last down.
        int tile = (reverse ? tiles - 1 - i : i) * ScanWorkspace.TILE;
        int end = Math.min(length, tile + ScanWorkspace.TILE);
        // exp(Δ_t·A) for the whole tile first, with h parked in memory around this loop rather
        // than live across it (with the Vector API's EXP, a call that clobbers every vector
        // register, the JIT kept h on the stack in the recurrence too, 2x slower).
        h.intoArray(parked, 0);
        for (int t = tile, k = 0; t < end; t++, k += lanes) {
          VectorMath.exp(a.mul(step[t])).intoArray(decay, k);
        }
        h = FloatVector.fromArray(species, parked, 0);
        int first = reverse ? end - 1 : tile;
        for (int t = first, k = (first - tile) * lanes, at = projectedBase + first * n + s;
            t >= tile && t < end;
            t += stride, k += stride * lanes, at += stride * n) {
          FloatVector input = FloatVector.fromArray(species, bT, at).mul(injection[t]);
          h = FloatVector.fromArray(species, decay, k).fma(h, input);
          readout[t] +=
              FloatVector.fromArray(species, cT, at).mul(h).reduceLanes(VectorOperators.ADD);
        }
      }
      h.intoArray(lastState, stateBase + s);
    }
    recur(in, bT, cT, b, d, row, lastState, reverse, bound, n);
  }

  @Override
  void finish(ScanArrays in, int b, int d, ScanWorkspace.Row row, float[] y, int from, int to) {
    VectorSpecies<Float> species = species();
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

  /** softplus(v) = max(v, 0) + log1p(e^-|v|): neither overflows nor loses small values. */
  private static FloatVector softplus(FloatVector v) {
    return v.max(0f).add(VectorMath.log1pUnit(VectorMath.exp(v.abs().neg())));
  }

  /**
   * silu(v) = v·sigmoid(v), with sigmoid(v) = 1 / (1 + w) for v ≥ 0, else w / (1 + w), w = e^-|v|.
   */
  private static FloatVector silu(FloatVector v) {
    FloatVector w = VectorMath.exp(v.abs().neg());
    FloatVector numerator = FloatVector.broadcast(v.species(), 1f).blend(w, v.lt(0f));
    return v.mul(numerator.div(w.add(1f)));
  }

  private static final class Width64 extends VectorScanKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_64;

    @Override
    VectorSpecies<Float> species() {
      return SPECIES;
    }
  }

  private static final class Width128 extends VectorScanKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_128;

    @Override
    VectorSpecies<Float> species() {
      return SPECIES;
    }
  }

  private static final class Width256 extends VectorScanKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

    @Override
    VectorSpecies<Float> species() {
      return SPECIES;
    }
  }

  private static final class Width512 extends VectorScanKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;

    @Override
    VectorSpecies<Float> species() {
      return SPECIES;
    }
  }
}
