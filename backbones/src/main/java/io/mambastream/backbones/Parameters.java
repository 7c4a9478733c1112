package io.mambastream.backbones;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** Named DJL parameters with shape and initialiser, as blocks declare them under PyTorch names. */
public final class Parameters {
  private Parameters() {}

  /** A weight (matrix or kernel) parameter. */
  public static Parameter weight(String name, Shape shape, Initializer initializer) {
    return of(name, Parameter.Type.WEIGHT, shape, initializer);
  }

  /** A bias parameter. */
  public static Parameter bias(String name, Shape shape, Initializer initializer) {
    return of(name, Parameter.Type.BIAS, shape, initializer);
  }

  /** A norm's scale, which its type initialises to ones unless the block sets an initialiser. */
  public static Parameter gamma(String name, Shape shape) {
    return of(name, Parameter.Type.GAMMA, shape, null);
  }

  /** A norm's shift, which its type initialises to zeros unless the block sets an initialiser. */
  public static Parameter beta(String name, Shape shape) {
    return of(name, Parameter.Type.BETA, shape, null);
  }

  /** A parameter of no standard kind (state matrices, skips, embeddings). */
  public static Parameter other(String name, Shape shape, Initializer initializer) {
    return of(name, Parameter.Type.OTHER, shape, initializer);
  }

  private static Parameter of(
      String name, Parameter.Type type, Shape shape, Initializer initializer) {
    return Parameter.builder()
        .setName(name)
        .setType(type)
        .optShape(shape)
        .optInitializer(initializer)
        .build();
  }
}
