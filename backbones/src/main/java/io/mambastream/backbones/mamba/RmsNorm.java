package io.mambastream.backbones.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.AutogradSafe;
import io.mambastream.backbones.Parameters;
import io.mambastream.backbones.UnaryBlock;

/**
 * Root-mean-square norm over the last axis with a learned scale and no bias: {@code y = x /
 * sqrt(mean(x²) + eps) · weight}.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input, output</td><td>(..., D)</td></tr>
 *   <tr><td>{@code weight}</td><td>(D), initialised to 1</td></tr>
 * </table>
 */
public final class RmsNorm extends UnaryBlock {

  /** The epsilon of Mamba and Vim. */
  public static final float DEFAULT_EPS = 1e-5f;

  private final int dim;
  private final float eps;
  private final Parameter weight;

  /** Creates an RMSNorm of width {@code dim} with eps 1e-5. */
  public RmsNorm(int dim) {
    this(dim, DEFAULT_EPS);
  }

  /** Creates an RMSNorm of width {@code dim}. */
  public RmsNorm(int dim, float eps) {
    this.dim = dim;
    this.eps = eps;
    weight = addParameter(Parameters.gamma("weight", new Shape(dim)));
  }

  /** The functional form: normalises {@code x}, (..., D), and scales by {@code weight}, (D). */
  public static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true); // (..., 1)
    // eps as an engine-made scalar: a Number argument would be copied to the device, which waits
    // for every queued kernel on a GPU
    return x.div(meanSquare.add(AutogradSafe.scalar(meanSquare, eps)).sqrt()).mul(weight);
  }

  /** Normalises {@code x}, (..., D). */
  @Override
  public NDArray apply(ParameterStore parameterStore, NDArray x, boolean training) {
    return rmsNorm(x, parameterStore.getValue(weight, x.getDevice(), training), eps);
  }

  @Override
  public String toString() {
    return "RmsNorm(" + dim + ", eps=" + eps + ")";
  }
}
