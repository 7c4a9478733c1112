package io.mambastream.demo;

import java.nio.file.Path;

/**
 * Settings of one demo run.
 *
 * @param out the output folder (created; files of an earlier demo run there are replaced)
 * @param frames frames in the rendered clip
 * @param clip which test-split clip to render (its seed follows from the index)
 * @param size frame width and height in pixels
 * @param backboneFrames how many frames go through the backbone (each with two scan kernels)
 */
public record DemoConfig(Path out, int frames, long clip, int size, int backboneFrames) {

  /** Checks the ranges. */
  public DemoConfig {
    if (frames < 1 || backboneFrames < 0 || backboneFrames > frames) {
      throw new IllegalArgumentException(
          "need frames >= 1 and 0 <= backbone frames <= frames, got "
              + frames
              + " and "
              + backboneFrames);
    }
    if (size < 64 || size % 16 != 0) {
      throw new IllegalArgumentException("size " + size + ": need a multiple of 16, at least 64");
    }
  }
}
