package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import java.util.function.UnaryOperator;

/**
 * A classification head on the mean of a feature map: logits = head(mean over h·w of the map).
 *
 * <pre>
 * map     (B, C, h, w)
 * pooled  (B, C)          mean over the grid
 * logits  (B, classes)    head.weight (classes, C) · pooled + head.bias (classes)
 * </pre>
 *
 * <p>Its parameters are the owner's own {@code head.weight} (truncated normal, std 0.02) and {@code
 * head.bias} (zeros), as in timm's and the official PlainMamba/VMamba heads.
 */
public final class PooledHead {

  private final Parameter weight;
  private final Parameter bias;

  /**
   * Declares the head's parameters through {@code register} (the owning block's {@code
   * addParameter}), in the order weight, bias.
   */
  public PooledHead(int numClasses, int channels, UnaryOperator<Parameter> register) {
    weight =
        register.apply(
            Parameters.weight(
                "head.weight",
                new Shape(numClasses, channels),
                new TruncatedNormalInitializer(0.02f)));
    bias = register.apply(Parameters.bias("head.bias", new Shape(numClasses), Initializer.ZEROS));
  }

  /** Returns the logits (B, classes) of the feature map {@code map}, (B, C, h, w). */
  public NDArray apply(ParameterStore parameterStore, NDArray map, boolean training) {
    Shape s = map.getShape();
    NDArray pooled = map.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).mean(new int[] {2});
    return Linear.linear(
            pooled,
            parameterStore.getValue(weight, pooled.getDevice(), training),
            parameterStore.getValue(bias, pooled.getDevice(), training))
        .singletonOrThrow();
  }
}
