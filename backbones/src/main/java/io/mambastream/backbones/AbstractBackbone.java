package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Base of the backbones: {@code forward} and {@link #apply} are always {@link #classify} of {@link
 * #extract}, so the logits and the heads' features come from one code path.
 *
 * <p>Input (B, C, H, W) images; output (B, classes) logits.
 */
public abstract class AbstractBackbone extends UnaryBlock implements Backbone {

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

  /** Returns the logits (B, classes) of {@code images}, (B, C, H, W). */
  @Override
  public final NDArray apply(ParameterStore parameterStore, NDArray images, boolean training) {
    return classify(parameterStore, extract(parameterStore, images, training), training);
  }

  @Override
  public final Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
  }
}
