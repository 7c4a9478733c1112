package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The step size and the injected input of an SSD scan after bias, softplus and kept-mask, and the
 * shared epilogue (skip, mask) of every SSD implementation.
 *
 * <p>The kept-mask reduces to these inputs as in {@link DiscretizedInputs}: {@link
 * MaskMode#CARRY_STATE} sets Δ = 0 at pruned positions, {@link MaskMode#DECAY_ONLY} zeroes x in the
 * injection; in both the output is zeroed there by {@link #output}.
 *
 * @param dt Δ after bias, softplus and mask, (B, L, H)
 * @param x the input that the recurrence injects, (B, L, H, P)
 */
public record DiscretizedSsd(NDArray dt, NDArray x) {

  /** Applies bias, softplus and the kept-mask of {@code inputs}. */
  public static DiscretizedSsd of(SsdInputs inputs) {
    NDArray dt = inputs.dt();
    if (inputs.dtBias().isPresent()) {
      dt = dt.add(inputs.dtBias().get().reshape(1, 1, -1));
    }
    if (inputs.dtSoftplus()) {
      dt = Activation.softPlus(dt);
    }
    NDArray x = inputs.x();
    if (inputs.keptMask().isPresent()) {
      NDArray kept = keptMask(inputs); // (B, L, 1, 1)
      if (inputs.maskMode() == MaskMode.CARRY_STATE) {
        dt = dt.mul(kept.squeeze(3));
      } else {
        x = x.mul(kept);
      }
    }
    return new DiscretizedSsd(dt, x);
  }

  /**
   * Turns the raw state readout {@code h_t·C_t}, (B, L, H, P), into the scan output: adds D·x,
   * zeroes pruned positions.
   */
  public static NDArray output(SsdInputs inputs, NDArray readout) {
    NDArray y = readout;
    if (inputs.d().isPresent()) {
      y = y.add(inputs.x().mul(inputs.d().get().reshape(1, 1, -1, 1)));
    }
    if (inputs.keptMask().isPresent()) {
      y = y.mul(keptMask(inputs));
    }
    return y;
  }

  private static NDArray keptMask(SsdInputs inputs) {
    NDArray mask = inputs.keptMask().get();
    return mask.toType(inputs.x().getDataType(), false).reshape(inputs.batch(), -1, 1, 1);
  }
}
