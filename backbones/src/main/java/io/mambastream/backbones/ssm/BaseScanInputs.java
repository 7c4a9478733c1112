package io.mambastream.backbones.ssm;

import static io.mambastream.backbones.ssm.InputChecks.expect;
import static io.mambastream.backbones.ssm.InputChecks.require;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;

/**
 * The arguments that a selective scan ({@link ScanInputs}) and an SSD scan ({@link SsdInputs})
 * share: the input sequence, A, B, C, the skip D and the kept-mask.
 *
 * <table>
 *   <caption>Shapes (B batch, D channels, L length, N state size; SSD: H heads, P head dimension,
 *       G groups)</caption>
 *   <tr><th>argument</th><th>{@link ScanInputs}</th><th>{@link SsdInputs}</th></tr>
 *   <tr><td>x</td><td>(B, D, L)</td><td>(B, L, H, P)</td></tr>
 *   <tr><td>a</td><td>(D, N)</td><td>(H)</td></tr>
 *   <tr><td>b, c</td><td>(B, N, L)</td><td>(B, L, G, N)</td></tr>
 *   <tr><td>d</td><td>(D)</td><td>(H)</td></tr>
 *   <tr><td>keptMask</td><td>(B, L)</td><td>(B, L)</td></tr>
 * </table>
 *
 * <p>The step size Δ, its bias and its softplus flag stay with each type, under the names of its
 * reference ({@code delta} in Mamba, {@code dt} in Mamba-2). The arrays are borrowed: a scan never
 * closes them.
 */
public abstract class BaseScanInputs {

  private final NDArray x;
  private final NDArray a;
  private final NDArray b;
  private final NDArray c;
  private final NDArray d;
  private final NDArray keptMask;
  private final MaskMode maskMode;

  /** Takes x, A, D and the mask from {@code builder}, and B and C as given (checked, regrouped). */
  BaseScanInputs(BaseBuilder<?> builder, NDArray b, NDArray c) {
    this.x = builder.x;
    this.a = builder.a;
    this.b = b;
    this.c = c;
    this.d = builder.d;
    this.keptMask = builder.keptMask;
    this.maskMode = builder.maskMode;
  }

  /** Returns the input sequence: (B, D, L) for a selective scan, (B, L, H, P) for SSD. */
  public NDArray x() {
    return x;
  }

  /** Returns the decay A: (D, N) for a selective scan, one rate per head (H) for SSD. */
  public NDArray a() {
    return a;
  }

  /** Returns B_t: (B, N, L) for a selective scan, (B, L, G, N) per group for SSD. */
  public NDArray b() {
    return b;
  }

  /** Returns C_t: (B, N, L) for a selective scan, (B, L, G, N) per group for SSD. */
  public NDArray c() {
    return c;
  }

  /** Returns the skip D, (D) for a selective scan and (H) for SSD, if any. */
  public Optional<NDArray> d() {
    return Optional.ofNullable(d);
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
    return dim(x, 0);
  }

  /** Returns the size of {@code array} along {@code axis}, as an int. */
  static int dim(NDArray array, int axis) {
    return Math.toIntExact(array.getShape().get(axis));
  }

  /**
   * The builder half both input types share: {@code setX} for required arrays, {@code optX} for
   * optional ones, checks in each subclass's {@code build()}.
   *
   * @param <T> the concrete builder, returned by every setter
   */
  public abstract static class BaseBuilder<T extends BaseBuilder<T>> {
    NDArray x;
    NDArray a;
    NDArray b;
    NDArray c;
    NDArray d;
    NDArray keptMask;
    MaskMode maskMode = MaskMode.CARRY_STATE;

    BaseBuilder() {}

    /** Sets the input sequence x: (B, D, L) for a selective scan, (B, L, H, P) for SSD. */
    public T setX(NDArray x) {
      this.x = x;
      return self();
    }

    /** Sets the decay A: (D, N) for a selective scan, one rate per head (H) for SSD. */
    public T setA(NDArray a) {
      this.a = a;
      return self();
    }

    /** Sets B_t: (B, N, L) for a selective scan; (B, L, G, N), or (B, L, N) if G = 1, for SSD. */
    public T setB(NDArray b) {
      this.b = b;
      return self();
    }

    /** Sets C_t: (B, N, L) for a selective scan; (B, L, G, N), or (B, L, N) if G = 1, for SSD. */
    public T setC(NDArray c) {
      this.c = c;
      return self();
    }

    /** Sets the skip D: (D) for a selective scan, (H) for SSD. */
    public T optD(NDArray d) {
      this.d = d;
      return self();
    }

    /** Sets the kept-mask, (B, L), 1 for kept and 0 for pruned tokens. */
    public T optKeptMask(NDArray keptMask) {
      this.keptMask = keptMask;
      return self();
    }

    /** Sets what a pruned position does to the state; {@link MaskMode#CARRY_STATE} by default. */
    public T optMaskMode(MaskMode maskMode) {
      this.maskMode = maskMode;
      return self();
    }

    // Safe: the constructor is package-private and both subclasses bind T to themselves.
    @SuppressWarnings("unchecked")
    private T self() {
      return (T) this;
    }

    /**
     * Fails unless x, the step size (named {@code stepName}), A, B and C are given and x has {@code
     * rank} axes, as {@code layout} says.
     */
    final void requireArrays(String stepName, NDArray step, int rank, String layout) {
      require(x, "x");
      require(step, stepName);
      require(a, "a");
      require(b, "b");
      require(c, "c");
      if (x.getShape().dimension() != rank) {
        throw new IllegalArgumentException("x must be " + layout + ", got " + x.getShape());
      }
    }

    /** Fails unless the kept-mask, if given, is (B, L) and a mask mode is set. */
    final void checkMask(long batch, long length) {
      expect("keptMask", keptMask, new Shape(batch, length));
      if (maskMode == null) {
        throw new IllegalArgumentException("maskMode must not be null");
      }
    }
  }
}
