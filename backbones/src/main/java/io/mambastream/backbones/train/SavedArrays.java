package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** Copies arrays read from a checkpoint into the live arrays of the same names, checked. */
final class SavedArrays {

  private SavedArrays() {}

  /**
   * Overwrites each of {@code live} with the {@code saved} array of its name, converted to its data
   * type.
   *
   * @throws IllegalArgumentException naming {@code what} and the first array that is missing or has
   *     another shape
   */
  static void copyInto(Map<String, NDArray> live, Map<String, NDArray> saved, String what) {
    for (Map.Entry<String, NDArray> entry : live.entrySet()) {
      NDArray source = saved.get(entry.getKey());
      NDArray target = entry.getValue();
      if (source == null || !source.getShape().equals(target.getShape())) {
        throw new IllegalArgumentException(
            what + " lacks " + entry.getKey() + " " + target.getShape());
      }
      target.set(source.toType(target.getDataType(), false).toByteBuffer());
    }
  }
}
