package io.mambastream.backbones.ssm;

import static io.mambastream.backbones.ssm.InputChecks.expect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;

/**
 * The arguments of one selective scan, named and shaped as in the Mamba paper.
 *
 * <table>
 *   <caption>Shapes (B batch, D channels, L length, N state size)</caption>
 *   <tr><th>argument</th><th>shape</th><th>meaning</th></tr>
 *   <tr><td>x</td><td>(B, D, L)</td><td>input sequence u</td></tr>
 *   <tr><td>delta</td><td>(B, D, L)</td><td>step size Δ, before bias and softplus</td></tr>
 *   <tr><td>a</td><td>(D, N)</td><td>state matrix A (negative; {@code -exp(A_log)})</td></tr>
 *   <tr><td>b, c</td><td>(B, N, L)</td><td>input-dependent B_t and C_t</td></tr>
 *   <tr><td>d</td><td>(D)</td><td>optional skip D</td></tr>
 *   <tr><td>z</td><td>(B, D, L)</td><td>optional gate; the output is multiplied by silu(z)</td></tr>
 *   <tr><td>deltaBias</td><td>(D)</td><td>optional bias added to Δ before the softplus</td></tr>
 *   <tr><td>keptMask</td><td>(B, L)</td><td>optional 1/0 mask of kept tokens (see {@link
 *       MaskMode})</td></tr>
 * </table>
 *
 * <p>The arrays are borrowed: a scan never closes them.
 */
public final class ScanInputs extends BaseScanInputs {

  private final NDArray delta;
  private final NDArray z;
  private final NDArray deltaBias;
  private final boolean deltaSoftplus;

  private ScanInputs(Builder builder) {
    super(builder, builder.b, builder.c);
    this.delta = builder.delta;
    this.z = builder.z;
    this.deltaBias = builder.deltaBias;
    this.deltaSoftplus = builder.deltaSoftplus;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the raw step size Δ, (B, D, L). */
  public NDArray delta() {
    return delta;
  }

  /** Returns the gate z, (B, D, L), if any. */
  public Optional<NDArray> z() {
    return Optional.ofNullable(z);
  }

  /** Returns the Δ bias, (D), if any. */
  public Optional<NDArray> deltaBias() {
    return Optional.ofNullable(deltaBias);
  }

  /** Returns whether softplus is applied to Δ (after the bias). */
  public boolean deltaSoftplus() {
    return deltaSoftplus;
  }

  /** Returns the channel count D. */
  public int channels() {
    return dim(x(), 1);
  }

  /** Returns the sequence length L. */
  public int length() {
    return dim(x(), 2);
  }

  /** Returns the state size N. */
  public int stateSize() {
    return dim(a(), 1);
  }

  /**
   * Builds {@link ScanInputs}: {@code setX} for required arrays, {@code optX} for optional ones.
   */
  public static final class Builder extends BaseBuilder<Builder> {
    private NDArray delta;
    private NDArray z;
    private NDArray deltaBias;
    private boolean deltaSoftplus;

    private Builder() {}

    /** Sets the raw step size Δ, (B, D, L). */
    public Builder setDelta(NDArray delta) {
      this.delta = delta;
      return this;
    }

    /** Sets the gate z, (B, D, L). */
    public Builder optZ(NDArray z) {
      this.z = z;
      return this;
    }

    /** Sets the Δ bias, (D). */
    public Builder optDeltaBias(NDArray deltaBias) {
      this.deltaBias = deltaBias;
      return this;
    }

    /** Applies softplus to Δ after the bias (the Mamba block does). */
    public Builder optDeltaSoftplus(boolean deltaSoftplus) {
      this.deltaSoftplus = deltaSoftplus;
      return this;
    }

    /**
     * Checks every shape and returns the inputs.
     *
     * @throws IllegalArgumentException naming the first argument that is missing or misshapen
     */
    public ScanInputs build() {
      requireArrays("delta", delta, 3, "(B, D, L)");
      long batch = x.getShape().get(0);
      long channels = x.getShape().get(1);
      long length = x.getShape().get(2);
      if (a.getShape().dimension() != 2 || a.getShape().get(0) != channels) {
        throw new IllegalArgumentException(
            "a must be (D, N) with D = " + channels + ", got " + a.getShape());
      }
      long state = a.getShape().get(1);
      expect("delta", delta, new Shape(batch, channels, length));
      expect("b", b, new Shape(batch, state, length));
      expect("c", c, new Shape(batch, state, length));
      expect("d", d, new Shape(channels));
      expect("z", z, new Shape(batch, channels, length));
      expect("deltaBias", deltaBias, new Shape(channels));
      checkMask(batch, length);
      return new ScanInputs(this);
    }
  }
}
