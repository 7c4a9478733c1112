package io.mambastream.backbones.vmamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import io.mambastream.backbones.UnaryBlock;

/**
 * The feed-forward branch of a VSS block: {@code fc2(gelu(fc1(x)))}.
 *
 * <p>Input and output (B, L, C); {@code fc1.weight} (H, C), {@code fc1.bias} (H), {@code
 * fc2.weight} (C, H), {@code fc2.bias} (C), with H = ratio·C hidden units. Weights start from a
 * truncated normal with std 0.02 and biases from zero, as VMamba initialises every linear layer.
 */
public final class Mlp extends UnaryBlock {

  private final int channels;
  private final Parameter fc1Weight;
  private final Parameter fc1Bias;
  private final Parameter fc2Weight;
  private final Parameter fc2Bias;

  /** Creates an MLP of width {@code channels} with {@code hidden} hidden units. */
  public Mlp(int channels, int hidden) {
    if (channels <= 0 || hidden <= 0) {
      throw new IllegalArgumentException("channels and hidden units must be positive");
    }
    this.channels = channels;
    fc1Weight = addParameter(parameter("fc1.weight", new Shape(hidden, channels), true));
    fc1Bias = addParameter(parameter("fc1.bias", new Shape(hidden), false));
    fc2Weight = addParameter(parameter("fc2.weight", new Shape(channels, hidden), true));
    fc2Bias = addParameter(parameter("fc2.bias", new Shape(channels), false));
  }

  /** Applies the MLP to (B, L, C). */
  @Override
  public NDArray apply(ParameterStore parameterStore, NDArray x, boolean training) {
    NDArray hidden =
        Linear.linear(
                x,
                parameterStore.getValue(fc1Weight, x.getDevice(), training),
                parameterStore.getValue(fc1Bias, x.getDevice(), training))
            .singletonOrThrow(); // (B, L, H)
    return Linear.linear(
            Activation.gelu(hidden),
            parameterStore.getValue(fc2Weight, x.getDevice(), training),
            parameterStore.getValue(fc2Bias, x.getDevice(), training))
        .singletonOrThrow(); // (B, L, C)
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].slice(0, inputShapes[0].dimension() - 1).add(channels)};
  }

  private static Parameter parameter(String name, Shape shape, boolean weight) {
    return Parameter.builder()
        .setName(name)
        .setType(weight ? Parameter.Type.WEIGHT : Parameter.Type.BIAS)
        .optShape(shape)
        .optInitializer(weight ? new TruncatedNormalInitializer(0.02f) : Initializer.ZEROS)
        .build();
  }
}
