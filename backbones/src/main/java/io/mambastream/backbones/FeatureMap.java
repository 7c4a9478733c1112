package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;

/**
 * One dense feature map of a backbone.
 *
 * @param map the features, (B, D, H / stride, W / stride)
 * @param stride how many input pixels one map cell spans along each axis
 */
public record FeatureMap(NDArray map, int stride) {

  /** Checks that the map is (B, D, h, w) and the stride positive. */
  public FeatureMap {
    if (map.getShape().dimension() != 4) {
      throw new IllegalArgumentException(
          "a feature map must be (B, D, h, w), got " + map.getShape());
    }
    if (stride <= 0) {
      throw new IllegalArgumentException("stride must be positive, got " + stride);
    }
  }

  /** Returns the channel count D. */
  public int channels() {
    return Math.toIntExact(map.getShape().get(1));
  }
}
