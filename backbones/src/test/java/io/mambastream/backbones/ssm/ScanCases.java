package io.mambastream.backbones.ssm;

import java.util.Random;

/**
 * Seeded random scan arguments as flat arrays with the magnitudes of a trained Mamba layer, and the
 * obvious scalar scan written straight from the equations, for the {@link FusedScan} tests.
 */
final class ScanCases {
  private ScanCases() {}

  /** What a random case contains besides the required arrays. */
  record Options(boolean extras, boolean masked, MaskMode maskMode) {
    static final Options PLAIN = new Options(false, false, MaskMode.CARRY_STATE);
    static final Options FULL = new Options(true, false, MaskMode.CARRY_STATE);
    static final Options CARRY = new Options(true, true, MaskMode.CARRY_STATE);
    static final Options DECAY = new Options(true, true, MaskMode.DECAY_ONLY);
  }

  /**
   * Draws a case: x, z, B, C standard normal; A = -(n + 1)·U(0.5, 1.5) (the S4D-real init,
   * jittered); raw Δ ~ N(-1, 1) with a bias, through softplus, or U(0.001, 0.1) directly without
   * extras; about 30% of the tokens pruned when masked, never the first.
   */
  static ScanArrays random(long seed, int batch, int channels, int length, int state, Options o) {
    Random random = new Random(seed);
    int sequence = batch * channels * length;
    float[] x = normal(random, sequence);
    float[] delta = new float[sequence];
    for (int i = 0; i < sequence; i++) {
      delta[i] =
          o.extras() ? (float) (random.nextGaussian() - 1) : 0.001f + 0.099f * random.nextFloat();
    }
    float[] a = new float[channels * state];
    for (int i = 0; i < a.length; i++) {
      a[i] = -(i % state + 1) * (0.5f + random.nextFloat());
    }
    float[] b = normal(random, batch * state * length);
    float[] c = normal(random, batch * state * length);
    float[] d = o.extras() ? normal(random, channels) : null;
    float[] z = o.extras() ? normal(random, sequence) : null;
    float[] bias = o.extras() ? normal(random, channels) : null;
    boolean[] kept = null;
    if (o.masked()) {
      kept = new boolean[batch * length];
      for (int i = 0; i < kept.length; i++) {
        kept[i] = i % length == 0 || random.nextFloat() < 0.7f;
      }
    }
    return new ScanArrays(
        batch,
        channels,
        length,
        state,
        x,
        delta,
        a,
        b,
        c,
        d,
        z,
        bias,
        o.extras(),
        kept,
        o.maskMode());
  }

  private static float[] normal(Random random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  /**
   * The scan as the equations read, one (b, d, t, n) at a time: a pruned position leaves h as it is
   * (carry) or only multiplies it by exp(Δ·A) (decay), and outputs 0.
   */
  static FusedScan.Output naive(ScanArrays in) {
    int bs = in.batch();
    int ds = in.channels();
    int ls = in.length();
    int ns = in.stateSize();
    float[] y = new float[bs * ds * ls];
    float[] last = new float[bs * ds * ns];
    for (int b = 0; b < bs; b++) {
      for (int d = 0; d < ds; d++) {
        float[] h = new float[ns];
        for (int t = 0; t < ls; t++) {
          int i = (b * ds + d) * ls + t;
          float dt = in.delta()[i] + (in.deltaBias() == null ? 0 : in.deltaBias()[d]);
          if (in.deltaSoftplus()) {
            dt = (float) Math.log(1 + Math.exp(dt));
          }
          boolean kept = in.keptMask() == null || in.keptMask()[b * ls + t];
          if (!kept) {
            if (in.maskMode() == MaskMode.DECAY_ONLY) {
              for (int n = 0; n < ns; n++) {
                h[n] *= (float) Math.exp(dt * in.a()[d * ns + n]);
              }
            }
            y[i] = 0;
            continue;
          }
          float out = 0;
          for (int n = 0; n < ns; n++) {
            int p = (b * ns + n) * ls + t;
            h[n] = (float) Math.exp(dt * in.a()[d * ns + n]) * h[n] + dt * in.b()[p] * in.x()[i];
            out += in.c()[p] * h[n];
          }
          if (in.d() != null) {
            out += in.d()[d] * in.x()[i];
          }
          if (in.z() != null) {
            float z = in.z()[i];
            out *= z / (1 + (float) Math.exp(-z));
          }
          y[i] = out;
        }
        System.arraycopy(h, 0, last, (b * ds + d) * ns, ns);
      }
    }
    return new FusedScan.Output(y, last);
  }
}
