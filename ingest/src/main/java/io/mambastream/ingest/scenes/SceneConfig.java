package io.mambastream.ingest.scenes;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What MovingFashion clips look like. Build with {@link #builder()}; every value has a default.
 *
 * @param width frame columns (default 256)
 * @param height frame rows (default 256)
 * @param minItems fewest items alive in a frame (default 1)
 * @param maxItems most items alive in a frame (default 12)
 * @param minScale smallest item side in pixels, the 28×28 image scaled to a square (default 24)
 * @param maxScale largest item side in pixels (default 112)
 * @param clipLength frames per clip (default 32)
 * @param framesPerSecond frame rate, which sets the capture times (default 25)
 * @param motions the motion kinds to draw from, in enum order (default all)
 */
public record SceneConfig(
    int width,
    int height,
    int minItems,
    int maxItems,
    int minScale,
    int maxScale,
    int clipLength,
    int framesPerSecond,
    List<MotionKind> motions) {

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: 256×256, 1–12 items of 24–112 px, 32 frames at 25 fps, all motions. */
  public static SceneConfig defaults() {
    return builder().build();
  }

  /** Builds a {@link SceneConfig}; {@code optX} methods change defaults, {@link #build} checks. */
  public static final class Builder {
    private int width = 256;
    private int height = 256;
    private int minItems = 1;
    private int maxItems = 12;
    private int minScale = 24;
    private int maxScale = 112;
    private int clipLength = 32;
    private int framesPerSecond = 25;
    private Set<MotionKind> motions = EnumSet.allOf(MotionKind.class);

    private Builder() {}

    /** Sets the frame size in pixels. */
    public Builder optSize(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** Sets the range of items alive per frame, both inclusive. */
    public Builder optItems(int min, int max) {
      this.minItems = min;
      this.maxItems = max;
      return this;
    }

    /** Sets the range of item sides in pixels, both inclusive. */
    public Builder optScale(int min, int max) {
      this.minScale = min;
      this.maxScale = max;
      return this;
    }

    /** Sets the number of frames per clip. */
    public Builder optClipLength(int frames) {
      this.clipLength = frames;
      return this;
    }

    /** Sets the frame rate used for capture times. */
    public Builder optFramesPerSecond(int fps) {
      this.framesPerSecond = fps;
      return this;
    }

    /** Sets the motion kinds to draw from. */
    public Builder optMotions(MotionKind... kinds) {
      this.motions =
          kinds.length == 0
              ? EnumSet.noneOf(MotionKind.class)
              : EnumSet.copyOf(Arrays.asList(kinds));
      return this;
    }

    /** Checks the values and builds the config. */
    public SceneConfig build() {
      require(width >= 16 && height >= 16, "frame size " + width + "x" + height + " below 16x16");
      require(
          (long) width * height <= 4096L * 4096,
          "frame size " + width + "x" + height + " above 4096x4096");
      require(
          1 <= minItems && minItems <= maxItems && maxItems <= 64,
          "items per frame " + minItems + ".." + maxItems + " (need 1 <= min <= max <= 64)");
      require(
          2 <= minScale && minScale <= maxScale,
          "item scale " + minScale + ".." + maxScale + " (need 2 <= min <= max)");
      require(
          maxScale <= Math.min(width, height),
          "item scale up to " + maxScale + " px does not fit a " + width + "x" + height + " frame");
      require(clipLength >= 1, "clip length " + clipLength + " (need >= 1)");
      require(framesPerSecond >= 1, "frame rate " + framesPerSecond + " (need >= 1)");
      require(!motions.isEmpty(), "no motion kinds");
      return new SceneConfig(
          width,
          height,
          minItems,
          maxItems,
          minScale,
          maxScale,
          clipLength,
          framesPerSecond,
          List.copyOf(EnumSet.copyOf(motions)));
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
