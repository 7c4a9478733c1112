package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;

/**
 * What a backbone hands to the heads: dense maps ordered from the finest stride to the coarsest,
 * plus the class embedding of backbones that have a class token.
 *
 * @param maps the feature maps, finest first, at least one
 * @param classEmbedding the normed class token, (B, D), if the backbone has one
 */
public record FeatureMaps(List<FeatureMap> maps, Optional<NDArray> classEmbedding) {

  /** Copies the list and checks that strides increase strictly. */
  public FeatureMaps {
    maps = List.copyOf(maps);
    if (maps.isEmpty()) {
      throw new IllegalArgumentException("at least one feature map is required");
    }
    for (int i = 1; i < maps.size(); i++) {
      if (maps.get(i).stride() <= maps.get(i - 1).stride()) {
        throw new IllegalArgumentException("feature maps must be ordered by increasing stride");
      }
    }
  }

  /** Returns the single-map features of a plain (non-hierarchical) backbone. */
  public static FeatureMaps single(FeatureMap map, NDArray classEmbedding) {
    return new FeatureMaps(List.of(map), Optional.ofNullable(classEmbedding));
  }

  /**
   * Returns the class embedding (B, D).
   *
   * @throws IllegalArgumentException if the backbone has no class token
   */
  public NDArray requireClassEmbedding() {
    return classEmbedding.orElseThrow(
        () -> new IllegalArgumentException("features lack a class embedding"));
  }

  /** Returns the map with the smallest stride. */
  public FeatureMap finest() {
    return maps.get(0);
  }

  /**
   * Returns the map with the given stride.
   *
   * @throws IllegalArgumentException if there is none
   */
  public FeatureMap atStride(int stride) {
    return maps.stream()
        .filter(m -> m.stride() == stride)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no feature map with stride " + stride));
  }
}
