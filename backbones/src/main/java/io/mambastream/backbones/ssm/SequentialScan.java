package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * The reference selective scan: one step of the recurrence per position, exactly as written in
 * {@link SelectiveScan}. Obvious, slow (a few tensor ops per position) and differentiable; every
 * other implementation is tested against it.
 */
public final class SequentialScan implements SelectiveScan {

  @Override
  public String id() {
    return "sequential";
  }

  @Override
  public ScanResult apply(ScanInputs inputs) {
    DiscretizedInputs discretized = DiscretizedInputs.of(inputs);
    NDArray delta = discretized.delta().expandDims(3); // (B, D, L, 1)
    NDArray decay = delta.mul(inputs.a().expandDims(1)).exp(); // (B, D, L, N)
    NDArray bT = inputs.b().transpose(0, 2, 1).expandDims(1); // (B, 1, L, N)
    NDArray injection = delta.mul(discretized.x().expandDims(3)).mul(bT); // (B, D, L, N)
    NDArray cT = inputs.c().transpose(0, 2, 1).expandDims(1); // (B, 1, L, N)

    NDArray h =
        inputs
            .x()
            .getManager()
            .zeros(
                decay.getShape().slice(0, 2).add(inputs.stateSize()),
                inputs.x().getDataType()); // (B, D, N)
    // One slice per position. split, not get: the backward of split is one concatenation, while
    // each get would allocate a full-size (B, D, L, N) gradient and make backward O(L²).
    int length = inputs.length();
    NDList decays = decay.split(length, 2); // L × (B, D, 1, N)
    NDList injections = injection.split(length, 2); // L × (B, D, 1, N)
    NDList readoutsC = cT.split(length, 2); // L × (B, 1, 1, N)
    NDList readouts = new NDList(length);
    for (int t = 0; t < length; t++) {
      h = decays.get(t).squeeze(2).mul(h).add(injections.get(t).squeeze(2)); // (B, D, N)
      readouts.add(h.mul(readoutsC.get(t).squeeze(2)).sum(new int[] {2})); // (B, D)
    }
    NDArray readout = NDArrays.stack(readouts, 2); // (B, D, L)
    return new ScanResult(DiscretizedInputs.output(inputs, readout), h);
  }
}
