package io.mambastream.backbones.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

/**
 * The bidirectional Mamba mixer written out in plain double loops from the formulas of the Vim
 * paper and DESIGN §3, sharing no code with {@link MambaMixer}: the independent reference of the
 * mixer tests.
 */
final class MixerReference {
  private final Map<String, float[]> p;
  private final int dModel;
  private final int dInner;
  private final int dState;
  private final int dtRank;
  private final int kernel;

  MixerReference(
      Map<String, float[]> parameters, int dModel, int dInner, int dState, int dtRank, int kernel) {
    this.p = parameters;
    this.dModel = dModel;
    this.dInner = dInner;
    this.dState = dState;
    this.dtRank = dtRank;
    this.kernel = kernel;
  }

  /** u[t][m] for one sequence; returns out[t][m]. */
  double[][] mix(double[][] u, boolean bidirectional) {
    int length = u.length;
    float[] inW = p.get("in_proj.weight"); // (2E, D)
    double[][] x = new double[dInner][length];
    double[][] z = new double[dInner][length];
    for (int c = 0; c < 2 * dInner; c++) {
      for (int t = 0; t < length; t++) {
        double s = 0;
        for (int m = 0; m < dModel; m++) {
          s += inW[c * dModel + m] * u[t][m];
        }
        if (c < dInner) {
          x[c][t] = s;
        } else {
          z[c - dInner][t] = s;
        }
      }
    }
    double[][] y = direction(x, z, "");
    if (bidirectional) {
      double[][] yb = reverse(direction(reverse(x), reverse(z), "_b"));
      for (int e = 0; e < dInner; e++) {
        for (int t = 0; t < length; t++) {
          y[e][t] = (y[e][t] + yb[e][t]) / 2;
        }
      }
    }
    float[] outW = p.get("out_proj.weight"); // (D, E)
    double[][] out = new double[length][dModel];
    for (int t = 0; t < length; t++) {
      for (int m = 0; m < dModel; m++) {
        double s = 0;
        for (int e = 0; e < dInner; e++) {
          s += outW[m * dInner + e] * y[e][t];
        }
        out[t][m] = s;
      }
    }
    return out;
  }

  private double[][] direction(double[][] x, double[][] z, String suffix) {
    int length = x[0].length;
    float[] convW = p.get("conv1d" + suffix + ".weight"); // (E, 1, K)
    float[] convB = p.get("conv1d" + suffix + ".bias");
    float[] xProj = p.get("x_proj" + suffix + ".weight"); // (R + 2N, E)
    float[] dtW = p.get("dt_proj" + suffix + ".weight"); // (E, R)
    float[] dtB = p.get("dt_proj" + suffix + ".bias");
    float[] aLog = p.get(suffix.isEmpty() ? "A_log" : "A_b_log"); // (E, N)
    float[] skip = p.get("D" + suffix);
    double[][] xc = new double[dInner][length];
    for (int e = 0; e < dInner; e++) {
      for (int t = 0; t < length; t++) {
        double s = convB[e];
        for (int k = 0; k < kernel; k++) {
          int source = t - (kernel - 1) + k;
          if (source >= 0) {
            s += convW[e * kernel + k] * x[e][source];
          }
        }
        xc[e][t] = silu(s);
      }
    }
    int width = dtRank + 2 * dState;
    double[][] dbl = new double[length][width];
    for (int t = 0; t < length; t++) {
      for (int j = 0; j < width; j++) {
        double s = 0;
        for (int e = 0; e < dInner; e++) {
          s += xProj[j * dInner + e] * xc[e][t];
        }
        dbl[t][j] = s;
      }
    }
    double[][] y = new double[dInner][length];
    for (int e = 0; e < dInner; e++) {
      double[] h = new double[dState];
      for (int t = 0; t < length; t++) {
        double raw = dtB[e];
        for (int r = 0; r < dtRank; r++) {
          raw += dtW[e * dtRank + r] * dbl[t][r];
        }
        double delta = Math.log1p(Math.exp(raw));
        double readout = 0;
        for (int n = 0; n < dState; n++) {
          double a = -Math.exp(aLog[e * dState + n]);
          h[n] = Math.exp(delta * a) * h[n] + delta * dbl[t][dtRank + n] * xc[e][t];
          readout += dbl[t][dtRank + dState + n] * h[n];
        }
        y[e][t] = (readout + skip[e] * xc[e][t]) * silu(z[e][t]);
      }
    }
    return y;
  }

  private static double silu(double v) {
    return v / (1 + Math.exp(-v));
  }

  private static double[][] reverse(double[][] rows) {
    double[][] reversed = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      int length = rows[i].length;
      reversed[i] = new double[length];
      for (int t = 0; t < length; t++) {
        reversed[i][t] = rows[i][length - 1 - t];
      }
    }
    return reversed;
  }

  /**
   * Asserts a mixer output, out[t·D + m] of one sequence, equals the reference's out[t][m] to a
   * relative 1e-4 (float32 against double).
   */
  static void assertCloseTo(float[] actual, double[][] expected) {
    int width = expected[0].length;
    for (int t = 0; t < expected.length; t++) {
      for (int m = 0; m < width; m++) {
        double e = expected[t][m];
        assertThat((double) actual[t * width + m])
            .as("out[%d][%d]", t, m)
            .isCloseTo(e, within(1e-4 * Math.max(1, Math.abs(e))));
      }
    }
  }
}
