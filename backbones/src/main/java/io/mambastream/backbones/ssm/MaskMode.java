package io.mambastream.backbones.ssm;

/**
 * What a selective scan does at a position whose kept-mask is 0 (a pruned token).
 *
 * <p>In both modes a pruned position injects no input and emits no output (its output is 0); they
 * differ in what happens to the hidden state there.
 */
public enum MaskMode {
  /**
   * Hidden-state alignment: the state of the previous kept token is carried unchanged, as if Δ = 0
   * at the pruned position.
   */
  CARRY_STATE,
  /** The state still decays by exp(Δ·A) at the pruned position, but receives no input. */
  DECAY_ONLY
}
