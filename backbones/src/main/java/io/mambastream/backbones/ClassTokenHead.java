package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.function.BiFunction;

/**
 * A classification head on the class embedding: logits = head(class embedding), a linear layer with
 * timm's init (truncated normal std 0.02, zero bias), as in ViT, DeiT and Vim.
 *
 * <pre>
 * class embedding  (B, D)
 * logits           (B, classes)    head.weight (classes, D), head.bias (classes)
 * </pre>
 */
public final class ClassTokenHead {

  private final Linear linear;

  /**
   * Adds the linear layer as the owner's child {@code head} through {@code register} (the owning
   * block's {@code addChildBlock}).
   */
  public ClassTokenHead(int numClasses, BiFunction<String, Linear, Linear> register) {
    linear = register.apply("head", TimmLinear.of(numClasses));
  }

  /** Initialises the layer for {@code batch} class embeddings of width {@code embedDim}. */
  public void initialize(NDManager manager, DataType dataType, long batch, int embedDim) {
    linear.initialize(manager, dataType, new Shape(batch, embedDim));
  }

  /** Returns the logits (B, classes) of the class embedding of {@code features}. */
  public NDArray apply(ParameterStore parameterStore, FeatureMaps features, boolean training) {
    return linear
        .forward(parameterStore, new NDList(features.requireClassEmbedding()), training)
        .singletonOrThrow();
  }
}
