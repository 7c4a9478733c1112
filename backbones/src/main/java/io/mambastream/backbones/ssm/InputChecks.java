package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** The argument checks the scan-input builders share, each naming the offending argument. */
final class InputChecks {
  private InputChecks() {}

  /** Fails unless {@code array} is given. */
  static void require(NDArray array, String name) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  /** Fails if {@code array} is given with a shape other than {@code shape}. */
  static void expect(String name, NDArray array, Shape shape) {
    if (array != null && !array.getShape().equals(shape)) {
      throw new IllegalArgumentException(
          name + " must have shape " + shape + ", got " + array.getShape());
    }
  }
}
