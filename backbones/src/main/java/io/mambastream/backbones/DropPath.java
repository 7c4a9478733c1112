package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Stochastic depth ("drop path") of a residual branch: in training, each sample's whole branch
 * output is zeroed with probability {@code rate} and the kept ones are scaled by 1 / (1 − rate), so
 * the expectation is unchanged; at inference it is the identity.
 *
 * <pre>
 * x      (B, ...)   a branch output about to be added to the residual stream
 * keep   (B, 1, …)  1 / (1 − rate) with probability 1 − rate, else 0   (engine RNG)
 * out    = x · keep
 * </pre>
 *
 * <p>The mask comes from the engine's random generator (seeded by {@code Engine.setRandomSeed}) and
 * is made by engine ops, so autograd keeps no Java memory (see {@link AutogradSafe}).
 */
public final class DropPath {

  private DropPath() {}

  /** Returns {@code x} with whole samples dropped at {@code rate} when {@code training}. */
  public static NDArray apply(NDArray x, double rate, boolean training) {
    if (!training || rate <= 0) {
      return x;
    }
    if (rate >= 1) {
      throw new IllegalArgumentException("drop-path rate must be below 1, got " + rate);
    }
    long[] maskShape = new long[x.getShape().dimension()];
    Arrays.fill(maskShape, 1);
    maskShape[0] = x.getShape().get(0);
    NDArray uniform =
        x.getManager().randomUniform(0f, 1f, new Shape(maskShape), DataType.FLOAT32, x.getDevice());
    NDArray keep =
        uniform
            .gte(AutogradSafe.scalar(uniform, rate))
            .toType(x.getDataType(), false)
            .mul(AutogradSafe.scalar(x, 1 / (1 - rate)));
    return x.mul(keep);
  }

  /** Returns {@code rate} if it is a valid drop rate, in [0, 1). */
  public static double requireRate(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("drop-path rate must be in [0, 1), got " + rate);
    }
    return rate;
  }

  /**
   * The rate of branch {@code index} of {@code count} under the usual linear rule: 0 for the first,
   * {@code maxRate} for the last.
   */
  public static double linearRate(double maxRate, int index, int count) {
    return count <= 1 ? maxRate : maxRate * index / (count - 1);
  }
}
