package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The reference SSD scan: one step of the recurrence per position, exactly as written in {@link
 * SsdScan}. Obvious, slow and differentiable; {@link ChunkedSsd} is tested against it.
 */
public final class SequentialSsd implements SsdScan {

  @Override
  public String id() {
    return "ssd-sequential";
  }

  @Override
  public SsdResult apply(SsdInputs inputs) {
    DiscretizedSsd discretized = DiscretizedSsd.of(inputs);
    NDArray dt = discretized.dt(); // (B, L, H)
    NDArray decay = dt.mul(inputs.a().reshape(1, 1, -1)).exp().reshape(dt.getShape().add(1, 1));
    NDArray xdt = discretized.x().mul(dt.expandDims(3)).expandDims(4); // (B, L, H, P, 1)
    NDArray bh = inputs.bPerHead().expandDims(3); // (B, L, H, 1, N)
    NDArray ch = inputs.cPerHead().expandDims(3); // (B, L, H, 1, N)

    Shape stateShape =
        new Shape(inputs.batch(), inputs.heads(), inputs.headDim(), inputs.stateSize());
    NDArray h = inputs.x().getManager().zeros(stateShape, inputs.x().getDataType()); // (B,H,P,N)
    NDList readouts = new NDList(inputs.length());
    for (int t = 0; t < inputs.length(); t++) {
      NDIndex step = new NDIndex(":, {}", t);
      h = decay.get(step).mul(h).add(xdt.get(step).mul(bh.get(step))); // (B, H, P, N)
      readouts.add(h.mul(ch.get(step)).sum(new int[] {3})); // (B, H, P)
    }
    NDArray readout = NDArrays.stack(readouts, 1); // (B, L, H, P)
    return new SsdResult(DiscretizedSsd.output(inputs, readout), h);
  }
}
