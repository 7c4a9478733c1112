package io.mambastream.backbones.ssm;

/**
 * A selective scan (Mamba S6): one recurrence, several implementations with the same results.
 *
 * <pre>
 * Δ   = softplus(delta + deltaBias)              (B, D, L)   (bias and softplus optional)
 * h_t = exp(Δ_t·A) ⊙ h_{t-1} + Δ_t·B_t·x_t       (B, D, N),  h_{-1} = 0
 * y_t = (Σ_n C_t[n]·h_t[n] + D·x_t) · silu(z_t)  (B, D)
 * </pre>
 *
 * <p>With a kept-mask, a pruned position t injects no input and emits y_t = 0; the state is carried
 * unchanged ({@link MaskMode#CARRY_STATE}) or only decays ({@link MaskMode#DECAY_ONLY}).
 *
 * <p>Outputs are attached to the manager of {@link ScanInputs#x()}; the caller owns them.
 */
public interface SelectiveScan {

  /** Returns the stable id of this implementation ("sequential", "chunked", "fused", ...). */
  String id();

  /** Runs the scan. */
  ScanResult apply(ScanInputs inputs);
}
