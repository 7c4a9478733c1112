package io.mambastream.demo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mambastream.ingest.Frame;

/** Turns frames into the normalised (1, C, H, W) float tensors a backbone reads. */
final class FrameTensors {
  private FrameTensors() {}

  /** Returns the frame as (1, C, H, W) with values (v / 255 − 0.5) / 0.5, in [−1, 1]. */
  static NDArray normalised(NDManager manager, Frame frame) {
    int channels = frame.format().channels();
    NDArray hwc =
        manager.create(frame.pixels(), new Shape(frame.height(), frame.width(), channels));
    return hwc.toType(DataType.FLOAT32, false)
        .div(127.5f)
        .sub(1f)
        .transpose(2, 0, 1)
        .expandDims(0); // (1, C, H, W)
  }
}
