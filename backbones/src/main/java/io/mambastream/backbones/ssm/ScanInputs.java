package io.mambastream.backbones.ssm;

import static io.mambastream.backbones.ssm.InputChecks.expect;
import static io.mambastream.backbones.ssm.InputChecks.require;

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
public final class ScanInputs {

  private final NDArray x;
  private final NDArray delta;
  private final NDArray a;
  private final NDArray b;
  private final NDArray c;
  private final NDArray d;
  private final NDArray z;
  private final NDArray deltaBias;
  private final boolean deltaSoftplus;
  private final NDArray keptMask;
  private final MaskMode maskMode;

  private ScanInputs(Builder builder) {
    this.x = builder.x;
    this.delta = builder.delta;
    this.a = builder.a;
    this.b = builder.b;
    this.c = builder.c;
    this.d = builder.d;
    this.z = builder.z;
    this.deltaBias = builder.deltaBias;
    this.deltaSoftplus = builder.deltaSoftplus;
    this.keptMask = builder.keptMask;
    this.maskMode = builder.maskMode;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the input sequence u, (B, D, L). */
  public NDArray x() {
    return x;
  }

  /** Returns the raw step size Δ, (B, D, L). */
  public NDArray delta() {
    return delta;
  }

  /** Returns A, (D, N). */
  public NDArray a() {
    return a;
  }

  /** Returns B_t, (B, N, L). */
  public NDArray b() {
    return b;
  }

  /** Returns C_t, (B, N, L). */
  public NDArray c() {
    return c;
  }

  /** Returns the skip D, (D), if any. */
  public Optional<NDArray> d() {
    return Optional.ofNullable(d);
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

  /** Returns the kept-mask, (B, L), 1 for kept and 0 for pruned tokens, if any. */
  public Optional<NDArray> keptMask() {
    return Optional.ofNullable(keptMask);
  }

  /** Returns what a pruned position does to the state. */
  public MaskMode maskMode() {
    return maskMode;
  }

  /** Returns the batch size B. */
  public int batch() {
    return Math.toIntExact(x.getShape().get(0));
  }

  /** Returns the channel count D. */
  public int channels() {
    return Math.toIntExact(x.getShape().get(1));
  }

  /** Returns the sequence length L. */
  public int length() {
    return Math.toIntExact(x.getShape().get(2));
  }

  /** Returns the state size N. */
  public int stateSize() {
    return Math.toIntExact(a.getShape().get(1));
  }

  /**
   * Builds {@link ScanInputs}: {@code setX} for required arrays, {@code optX} for optional ones.
   */
  public static final class Builder {
    private NDArray x;
    private NDArray delta;
    private NDArray a;
    private NDArray b;
    private NDArray c;
    private NDArray d;
    private NDArray z;
    private NDArray deltaBias;
    private boolean deltaSoftplus;
    private NDArray keptMask;
    private MaskMode maskMode = MaskMode.CARRY_STATE;

    private Builder() {}

    /** Sets the input sequence u, (B, D, L). */
    public Builder setX(NDArray x) {
      this.x = x;
      return this;
    }

    /** Sets the raw step size Δ, (B, D, L). */
    public Builder setDelta(NDArray delta) {
      this.delta = delta;
      return this;
    }

    /** Sets A, (D, N). */
    public Builder setA(NDArray a) {
      this.a = a;
      return this;
    }

    /** Sets B_t, (B, N, L). */
    public Builder setB(NDArray b) {
      this.b = b;
      return this;
    }

    /** Sets C_t, (B, N, L). */
    public Builder setC(NDArray c) {
      this.c = c;
      return this;
    }

    /** Sets the skip D, (D). */
    public Builder optD(NDArray d) {
      this.d = d;
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

    /** Sets the kept-mask, (B, L), 1 for kept and 0 for pruned tokens. */
    public Builder optKeptMask(NDArray keptMask) {
      this.keptMask = keptMask;
      return this;
    }

    /** Sets what a pruned position does to the state; {@link MaskMode#CARRY_STATE} by default. */
    public Builder optMaskMode(MaskMode maskMode) {
      this.maskMode = maskMode;
      return this;
    }

    /**
     * Checks every shape and returns the inputs.
     *
     * @throws IllegalArgumentException naming the first argument that is missing or misshapen
     */
    public ScanInputs build() {
      require(x, "x");
      require(delta, "delta");
      require(a, "a");
      require(b, "b");
      require(c, "c");
      if (x.getShape().dimension() != 3) {
        throw new IllegalArgumentException("x must be (B, D, L), got " + x.getShape());
      }
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
      expect("keptMask", keptMask, new Shape(batch, length));
      if (maskMode == null) {
        throw new IllegalArgumentException("maskMode must not be null");
      }
      return new ScanInputs(this);
    }
  }
}
