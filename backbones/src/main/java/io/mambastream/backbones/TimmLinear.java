package io.mambastream.backbones;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.TruncatedNormalInitializer;

/**
 * The linear layer of timm's ViT and of Vim: with bias, weight from a truncated normal with std
 * 0.02, bias from zero. Weight (units, in), bias (units); input (..., in), output (..., units).
 */
public final class TimmLinear {

  private TimmLinear() {}

  /** Returns a linear layer of {@code units} outputs with timm's init. */
  public static Linear of(int units) {
    Linear linear = Linear.builder().setUnits(units).build();
    linear.setInitializer(new TruncatedNormalInitializer(0.02f), Parameter.Type.WEIGHT);
    return linear;
  }
}
