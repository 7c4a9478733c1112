package io.mambastream.backbones.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.Parameters;
import io.mambastream.backbones.UnaryBlock;

/**
 * Layer norm over the last axis with PyTorch's parameter names ({@code weight}, {@code bias}),
 * which DJL's own block calls gamma and beta.
 *
 * <p>Input and output (..., D); weight and bias (D), initialised to 1 and 0.
 */
public final class LayerNorm extends UnaryBlock {

  private final int dim;
  private final float eps;
  private final Parameter weight;
  private final Parameter bias;

  /** Creates a layer norm of width {@code dim}. */
  public LayerNorm(int dim, float eps) {
    this.dim = dim;
    this.eps = eps;
    weight = addParameter(Parameters.gamma("weight", new Shape(dim)));
    bias = addParameter(Parameters.beta("bias", new Shape(dim)));
  }

  /** Normalises {@code x}, (..., D). */
  @Override
  public NDArray apply(ParameterStore parameterStore, NDArray x, boolean training) {
    return ai.djl.nn.norm.LayerNorm.layerNorm(
            x,
            new Shape(dim),
            parameterStore.getValue(weight, x.getDevice(), training),
            parameterStore.getValue(bias, x.getDevice(), training),
            eps)
        .singletonOrThrow();
  }
}
