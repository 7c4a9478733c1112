package io.mambastream.backbones;

import io.mambastream.backbones.ssm.SelectiveScan;
import java.util.Objects;

/**
 * Base of the builders of the isotropic Mamba backbones (Vim, PlainMamba): the patch-backbone
 * sizes, the state size N and scan of every mixer, and the tiny and small presets both share.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class MambaBackboneBuilder<B extends MambaBackboneBuilder<B>>
    extends PatchBackboneBuilder<B> {

  private int dState = 16;
  private SelectiveScan scan;

  /** Creates a builder whose mixers use {@code defaultScan} until a scan is set. */
  protected MambaBackboneBuilder(SelectiveScan defaultScan) {
    this.scan = defaultScan;
  }

  /** Returns this builder as its concrete type B (the subclass declares itself as B). */
  @Override
  @SuppressWarnings("unchecked")
  protected final B self() {
    return (B) this;
  }

  /** Tiny sizes (Vim-Ti, PlainMamba-L1): width 192, 24 layers, state 16. */
  public B tiny() {
    return setEmbedDim(192).setDepth(24).optDState(16);
  }

  /** Small sizes (Vim-S, PlainMamba-L2): width 384, 24 layers, state 16. */
  public B small() {
    return setEmbedDim(384).setDepth(24).optDState(16);
  }

  /** Sets the state size N of the mixers; 16 by default. */
  public B optDState(int dState) {
    this.dState = dState;
    return self();
  }

  /** Sets the scan of every mixer. */
  public B optScan(SelectiveScan scan) {
    this.scan = scan;
    return self();
  }

  /** Returns the state size N of the mixers. */
  public int dState() {
    return dState;
  }

  /** Returns the scan of every mixer. */
  public SelectiveScan scan() {
    return scan;
  }

  /**
   * Checks the patch-backbone sizes and that a scan is set.
   *
   * @throws IllegalArgumentException naming the first bad size
   */
  @Override
  protected void checkSizes() {
    super.checkSizes();
    Objects.requireNonNull(scan, "scan");
  }
}
