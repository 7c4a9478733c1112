package io.mambastream.backbones.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;

/** The initialisations of the reference Mamba block, each with its reason. */
public final class MambaInit {

  /** Smallest initial step size Δ. */
  public static final double DT_MIN = 1e-3;

  /** Largest initial step size Δ. */
  public static final double DT_MAX = 1e-1;

  /** Floor applied to the sampled Δ before inverting the softplus. */
  public static final double DT_FLOOR = 1e-4;

  private MambaInit() {}

  /**
   * PyTorch's default for linear and conv weights (Kaiming uniform with a = √5), which reduces to
   * U(−1/√fan_in, 1/√fan_in); the reference keeps it for in_proj, x_proj and the convolutions.
   */
  public static Initializer fanInUniform(long fanIn) {
    return new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
  }

  /**
   * The residual-output projection: PyTorch's default, scaled by 1/√layers (the GPT-2 scheme the
   * reference applies to out_proj) so that the residual stream's variance does not grow with depth.
   */
  public static Initializer scaledOutput(long fanIn, int layers) {
    return new UniformInitializer((float) (1 / Math.sqrt(fanIn) / Math.sqrt(layers)));
  }

  /**
   * The Δ projection weight: U(−R^−½, R^−½), so that dt_proj(dt) keeps the variance of its R-rank
   * input at initialisation.
   */
  public static Initializer dtWeight(int dtRank) {
    return new UniformInitializer((float) Math.pow(dtRank, -0.5));
  }

  /**
   * The Δ bias: the inverse softplus of Δ sampled log-uniformly in [DT_MIN, DT_MAX] (floored at
   * DT_FLOOR), so that softplus(bias) starts between DT_MIN and DT_MAX: each channel begins with
   * its own time scale, from long memory (small Δ) to fast forgetting (large Δ). The inverse of
   * softplus is dt + log(−expm1(−dt)).
   */
  public static Initializer dtBias() {
    return (manager, shape, dataType) -> {
      NDArray u = manager.randomUniform(0f, 1f, shape, dataType);
      double logMin = Math.log(DT_MIN);
      NDArray dt = u.mul(Math.log(DT_MAX) - logMin).add(logMin).exp().maximum(DT_FLOOR);
      NDArray expm1 = dt.neg().exp().sub(1); // expm1(-dt), exact enough for dt >= 1e-4 in float
      return dt.add(expm1.neg().log());
    };
  }

  /**
   * A_log = log(1..N) in every row (S4D-real): the state decays at rates 1, 2, .., N, a spread of
   * time scales known to work for diagonal SSMs; A = −exp(A_log) stays negative, so stable, during
   * training.
   */
  public static Initializer stateLog() {
    return (manager, shape, dataType) -> {
      long states = shape.get(1);
      NDArray rates = manager.arange(1f, states + 1f, 1f, dataType).log(); // (N)
      return rates.reshape(new Shape(1, states)).repeat(0, shape.get(0));
    };
  }
}
