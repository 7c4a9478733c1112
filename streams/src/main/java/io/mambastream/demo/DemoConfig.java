package io.mambastream.demo;

import ai.djl.Device;
import java.nio.file.Path;

/**
 * Settings of one demo run.
 *
 * @param out the output folder (created; files of an earlier demo run there are replaced)
 * @param frames frames in the rendered clip
 * @param clip which test-split clip to render (its seed follows from the index)
 * @param size frame width and height in pixels
 * @param backboneFrames how many frames go through the backbone (each with two scan kernels)
 * @param device where the classifier and the backbone's chunked scan run (the fused scan is a CPU
 *     kernel)
 */
public record DemoConfig(
    Path out, int frames, long clip, int size, int backboneFrames, Device device) {

  /** A demo on the CPU. */
  public DemoConfig(Path out, int frames, long clip, int size, int backboneFrames) {
    this(out, frames, clip, size, backboneFrames, Device.cpu());
  }

  /** Checks the ranges. */
  public DemoConfig {
    if (frames < 1 || backboneFrames < 0 || backboneFrames > frames) {
      throw new IllegalArgumentException(
          "need frames >= 1 and 0 <= backbone frames <= frames, got "
              + frames
              + " and "
              + backboneFrames);
    }
    if (device == null) {
      throw new IllegalArgumentException("device must be given");
    }
    if (size < 64 || size % 16 != 0) {
      throw new IllegalArgumentException("size " + size + ": need a multiple of 16, at least 64");
    }
  }
}
