package io.mambastream.backbones.checkpoint;

import ai.djl.ndarray.types.Shape;

/**
 * A tensor present in both the model and the checkpoint, with different shapes.
 *
 * @param name the parameter name
 * @param expected the model's shape
 * @param found the checkpoint's shape
 */
public record ShapeMismatch(String name, Shape expected, Shape found) {

  /** {@code name: expected (a, b), found (c, d)}. */
  @Override
  public String toString() {
    return name + ": expected " + expected + ", found " + found;
  }
}
