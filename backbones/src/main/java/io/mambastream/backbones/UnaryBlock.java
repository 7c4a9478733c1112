package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base of the blocks that map one array to one array through {@link #apply}: {@code forward}
 * unwraps the single input and wraps the result, and the output shape is the input shape unless a
 * block overrides {@link #getOutputShapes} (an MLP of another width, a backbone's logits).
 *
 * <p>Input and output (..., D) for the norms, attention and MLPs.
 */
public abstract class UnaryBlock extends AbstractBlock {

  /** Creates a block with DJL's default version. */
  protected UnaryBlock() {}

  /** Runs the block on its one input {@code x}. */
  public abstract NDArray apply(ParameterStore parameterStore, NDArray x, boolean training);

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(apply(parameterStore, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
