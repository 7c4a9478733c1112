package io.mambastream.backbones;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base of the backbones: {@code forward} is always {@link #classify} of {@link #extract}, so the
 * logits and the heads' features come from one code path; its output is (B, classes).
 */
public abstract class AbstractBackbone extends AbstractBlock implements Backbone {

  private final int numClasses;

  /** Creates a backbone whose head has {@code numClasses} classes (0 for none). */
  protected AbstractBackbone(int numClasses) {
    this.numClasses = numClasses;
  }

  /** Returns the number of classes of the head (0 without a head). */
  public final int numClasses() {
    return numClasses;
  }

  /**
   * Checks that this backbone has a head; each {@code classify} calls it.
   *
   * @throws IllegalStateException if it was built with 0 classes
   */
  protected final void requireHead() {
    if (numClasses == 0) {
      throw new IllegalStateException(
          "this " + getClass().getSimpleName() + " has no head (numClasses = 0)");
    }
  }

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    FeatureMaps features = extract(parameterStore, inputs.singletonOrThrow(), training);
    return new NDList(classify(parameterStore, features, training));
  }

  @Override
  public final Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
  }
}
