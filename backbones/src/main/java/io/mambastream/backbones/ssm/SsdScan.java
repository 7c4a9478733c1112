package io.mambastream.backbones.ssm;

/**
 * A Mamba-2 SSD scan: a selective scan whose decay is one scalar per head, so that within a chunk
 * it is a masked matrix product.
 *
 * <pre>
 * Δ   = softplus(dt + dtBias)                        (B, L, H)   (bias and softplus optional)
 * h_t = exp(Δ_t·A) · h_{t-1} + Δ_t · x_t ⊗ B_t       (B, H, P, N),  h_{-1} = 0
 * y_t = h_t · C_t + D · x_t                          (B, H, P)
 * </pre>
 *
 * <p>With a kept-mask, a pruned position t injects no input and emits y_t = 0; the state is carried
 * unchanged ({@link MaskMode#CARRY_STATE}) or only decays ({@link MaskMode#DECAY_ONLY}).
 *
 * <p>Outputs are attached to the manager of {@link SsdInputs#x()}; the caller owns them.
 */
public interface SsdScan {

  /** Returns the stable id of this implementation ("ssd-sequential", "ssd-chunked", ...). */
  String id();

  /** Runs the scan. */
  SsdResult apply(SsdInputs inputs);
}
