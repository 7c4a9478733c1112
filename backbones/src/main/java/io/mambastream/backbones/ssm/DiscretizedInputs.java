package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.mambastream.backbones.AutogradSafe;

/**
 * The step size and the injected input of a scan after bias, softplus and kept-mask, and the shared
 * epilogue (skip, gate, mask) of every NDArray implementation.
 *
 * <p>A kept-mask reduces to these inputs: {@link MaskMode#CARRY_STATE} sets Δ = 0 at pruned
 * positions (so exp(Δ·A) = 1 and Δ·B·x = 0), {@link MaskMode#DECAY_ONLY} keeps Δ and zeroes x in
 * the injection; in both the output is zeroed there by {@link #output}.
 *
 * @param delta Δ after bias, softplus and mask, (B, D, L)
 * @param x the input that the recurrence injects, (B, D, L)
 */
public record DiscretizedInputs(NDArray delta, NDArray x) {

  /** Applies bias, softplus and the kept-mask of {@code inputs}. */
  public static DiscretizedInputs of(ScanInputs inputs) {
    NDArray delta = inputs.delta();
    if (inputs.deltaBias().isPresent()) {
      delta = delta.add(inputs.deltaBias().get().reshape(1, -1, 1));
    }
    if (inputs.deltaSoftplus()) {
      delta = Activation.softPlus(delta);
    }
    NDArray x = inputs.x();
    if (inputs.keptMask().isPresent()) {
      NDArray kept = keptMask(inputs);
      if (inputs.maskMode() == MaskMode.CARRY_STATE) {
        delta = delta.mul(kept);
      } else {
        x = x.mul(kept);
      }
    }
    return new DiscretizedInputs(delta, x);
  }

  /**
   * Turns the raw state readout {@code Σ_n C_t[n]·h_t[n]}, (B, D, L), into the scan output: adds
   * D·x, multiplies by silu(z), zeroes pruned positions.
   */
  public static NDArray output(ScanInputs inputs, NDArray readout) {
    NDArray y = readout;
    if (inputs.d().isPresent()) {
      y = y.add(inputs.x().mul(inputs.d().get().reshape(1, -1, 1)));
    }
    if (inputs.z().isPresent()) {
      y = y.mul(AutogradSafe.silu(inputs.z().get()));
    }
    if (inputs.keptMask().isPresent()) {
      y = y.mul(keptMask(inputs));
    }
    return y;
  }

  private static NDArray keptMask(ScanInputs inputs) {
    NDArray mask = inputs.keptMask().get();
    return mask.toType(inputs.x().getDataType(), false).expandDims(1); // (B, 1, L)
  }
}
