package io.mambastream.backbones.ssm;

import static io.mambastream.backbones.ssm.InputChecks.expect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;

/**
 * The arguments of one Mamba-2 SSD scan: a selective scan whose decay is one scalar per head.
 *
 * <table>
 *   <caption>Shapes (B batch, L length, H heads, P head dimension, G groups, N state size)</caption>
 *   <tr><th>argument</th><th>shape</th><th>meaning</th></tr>
 *   <tr><td>x</td><td>(B, L, H, P)</td><td>input sequence</td></tr>
 *   <tr><td>dt</td><td>(B, L, H)</td><td>step size Δ, before bias and softplus</td></tr>
 *   <tr><td>a</td><td>(H)</td><td>scalar decay rate per head (negative)</td></tr>
 *   <tr><td>b, c</td><td>(B, L, G, N) or (B, L, N)</td><td>input-dependent B_t and C_t, shared by
 *       the H / G heads of a group (head h reads group h / (H / G)); (B, L, N) means G = 1</td></tr>
 *   <tr><td>d</td><td>(H)</td><td>optional skip D</td></tr>
 *   <tr><td>dtBias</td><td>(H)</td><td>optional bias added to Δ before the softplus</td></tr>
 *   <tr><td>keptMask</td><td>(B, L)</td><td>optional 1/0 mask of kept tokens (see {@link
 *       MaskMode})</td></tr>
 * </table>
 *
 * <p>The arrays are borrowed: a scan never closes them.
 */
public final class SsdInputs extends BaseScanInputs {

  private final NDArray dt;
  private final NDArray dtBias;
  private final boolean dtSoftplus;

  private SsdInputs(Builder builder, NDArray b, NDArray c) {
    super(builder, b, c);
    this.dt = builder.dt;
    this.dtBias = builder.dtBias;
    this.dtSoftplus = builder.dtSoftplus;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the raw step size Δ, (B, L, H). */
  public NDArray dt() {
    return dt;
  }

  /** Returns B_t repeated for every head of its group, (B, L, H, N). */
  public NDArray bPerHead() {
    return perHead(b());
  }

  /** Returns C_t repeated for every head of its group, (B, L, H, N). */
  public NDArray cPerHead() {
    return perHead(c());
  }

  /** Returns the Δ bias, (H), if any. */
  public Optional<NDArray> dtBias() {
    return Optional.ofNullable(dtBias);
  }

  /** Returns whether softplus is applied to Δ (after the bias). */
  public boolean dtSoftplus() {
    return dtSoftplus;
  }

  /** Returns the sequence length L. */
  public int length() {
    return dim(x(), 1);
  }

  /** Returns the head count H. */
  public int heads() {
    return dim(x(), 2);
  }

  /** Returns the head dimension P. */
  public int headDim() {
    return dim(x(), 3);
  }

  /** Returns the group count G. */
  public int groups() {
    return dim(b(), 2);
  }

  /** Returns the state size N. */
  public int stateSize() {
    return dim(b(), 3);
  }

  private NDArray perHead(NDArray grouped) {
    int groups = groups();
    int heads = heads();
    if (groups == heads) {
      return grouped;
    }
    return grouped
        .expandDims(3)
        .broadcast(batch(), length(), groups, heads / groups, stateSize())
        .reshape(batch(), length(), heads, stateSize());
  }

  /** Builds {@link SsdInputs}: {@code setX} for required arrays, {@code optX} for optional ones. */
  public static final class Builder extends BaseBuilder<Builder> {
    private NDArray dt;
    private NDArray dtBias;
    private boolean dtSoftplus;

    private Builder() {}

    /** Sets the raw step size Δ, (B, L, H). */
    public Builder setDt(NDArray dt) {
      this.dt = dt;
      return this;
    }

    /** Sets the Δ bias, (H). */
    public Builder optDtBias(NDArray dtBias) {
      this.dtBias = dtBias;
      return this;
    }

    /** Applies softplus to Δ after the bias (the Mamba-2 block does). */
    public Builder optDtSoftplus(boolean dtSoftplus) {
      this.dtSoftplus = dtSoftplus;
      return this;
    }

    /**
     * Checks every shape and returns the inputs.
     *
     * @throws IllegalArgumentException naming the first argument that is missing or misshapen
     */
    public SsdInputs build() {
      requireArrays("dt", dt, 4, "(B, L, H, P)");
      long batch = x.getShape().get(0);
      long length = x.getShape().get(1);
      long heads = x.getShape().get(2);
      NDArray groupedB = grouped("b", b, batch, length);
      NDArray groupedC = grouped("c", c, batch, length);
      long groups = groupedB.getShape().get(2);
      if (heads % groups != 0) {
        throw new IllegalArgumentException(
            "the group count G = " + groups + " must divide the head count H = " + heads);
      }
      expect("c", groupedC, groupedB.getShape());
      expect("dt", dt, new Shape(batch, length, heads));
      expect("a", a, new Shape(heads));
      expect("d", d, new Shape(heads));
      expect("dtBias", dtBias, new Shape(heads));
      checkMask(batch, length);
      return new SsdInputs(this, groupedB, groupedC);
    }

    private static NDArray grouped(String name, NDArray array, long batch, long length) {
      Shape shape = array.getShape();
      boolean ok =
          (shape.dimension() == 3 || shape.dimension() == 4)
              && shape.get(0) == batch
              && shape.get(1) == length;
      if (!ok) {
        throw new IllegalArgumentException(
            name
                + " must be (B, L, G, N) or (B, L, N) with B = "
                + batch
                + ", L = "
                + length
                + ", got "
                + shape);
      }
      return shape.dimension() == 3 ? array.expandDims(2) : array;
    }
  }
}
