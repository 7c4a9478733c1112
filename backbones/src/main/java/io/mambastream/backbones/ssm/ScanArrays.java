package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The arguments of one selective scan as flat, row-major {@code float[]} arrays, for {@link
 * FusedScan}. Same meaning as {@link ScanInputs}; optional arrays are {@code null} when absent.
 *
 * <table>
 *   <caption>Layouts (B batch, D channels, L length, N state size)</caption>
 *   <tr><th>array</th><th>shape</th><th>element (b, d, t) or (b, n, t) at</th></tr>
 *   <tr><td>x, delta, z</td><td>(B, D, L)</td><td>{@code (b·D + d)·L + t}</td></tr>
 *   <tr><td>a</td><td>(D, N)</td><td>{@code d·N + n}</td></tr>
 *   <tr><td>b, c</td><td>(B, N, L)</td><td>{@code (b·N + n)·L + t}</td></tr>
 *   <tr><td>d, deltaBias</td><td>(D)</td><td>{@code d}</td></tr>
 *   <tr><td>keptMask</td><td>(B, L)</td><td>{@code b·L + t}, true for kept tokens</td></tr>
 * </table>
 *
 * <p>The arrays are borrowed, never copied or written; equality is by identity of the arrays.
 *
 * @param batch B
 * @param channels D
 * @param length L
 * @param stateSize N
 * @param x input sequence u, (B, D, L)
 * @param delta raw step size Δ before bias and softplus, (B, D, L)
 * @param a state matrix A, (D, N)
 * @param b input-dependent B_t, (B, N, L)
 * @param c input-dependent C_t, (B, N, L)
 * @param d optional skip D, (D), or null
 * @param z optional gate, (B, D, L), or null
 * @param deltaBias optional bias of Δ, (D), or null
 * @param deltaSoftplus whether softplus is applied to Δ after the bias
 * @param keptMask optional kept-mask, (B, L), or null
 * @param maskMode what a pruned position does to the state
 */
public record ScanArrays(
    int batch,
    int channels,
    int length,
    int stateSize,
    float[] x,
    float[] delta,
    float[] a,
    float[] b,
    float[] c,
    float[] d,
    float[] z,
    float[] deltaBias,
    boolean deltaSoftplus,
    boolean[] keptMask,
    MaskMode maskMode) {

  /** Checks that every array has the length its shape implies. */
  public ScanArrays {
    if (batch < 1 || channels < 1 || length < 1 || stateSize < 1) {
      throw new IllegalArgumentException(
          "B, D, L and N must be positive, got "
              + batch
              + ", "
              + channels
              + ", "
              + length
              + ", "
              + stateSize);
    }
    long sequence = (long) batch * channels * length;
    long projected = (long) batch * stateSize * length;
    expect("x", x, sequence, true);
    expect("delta", delta, sequence, true);
    expect("a", a, (long) channels * stateSize, true);
    expect("b", b, projected, true);
    expect("c", c, projected, true);
    expect("d", d, channels, false);
    expect("z", z, sequence, false);
    expect("deltaBias", deltaBias, channels, false);
    if (keptMask != null && keptMask.length != (long) batch * length) {
      throw new IllegalArgumentException(
          "keptMask must have B·L = " + (long) batch * length + " entries, got " + keptMask.length);
    }
    if (maskMode == null) {
      throw new IllegalArgumentException("maskMode must not be null");
    }
  }

  /** Copies the NDArrays of {@code inputs} into new float arrays (the kept-mask as booleans). */
  public static ScanArrays copyOf(ScanInputs inputs) {
    return new ScanArrays(
        inputs.batch(),
        inputs.channels(),
        inputs.length(),
        inputs.stateSize(),
        floats(inputs.x()),
        floats(inputs.delta()),
        floats(inputs.a()),
        floats(inputs.b()),
        floats(inputs.c()),
        inputs.d().map(ScanArrays::floats).orElse(null),
        inputs.z().map(ScanArrays::floats).orElse(null),
        inputs.deltaBias().map(ScanArrays::floats).orElse(null),
        inputs.deltaSoftplus(),
        inputs.keptMask().map(mask -> mask.neq(0).toBooleanArray()).orElse(null),
        inputs.maskMode());
  }

  /** Creates the same arguments as NDArrays of {@code manager} (float32; the mask as booleans). */
  public ScanInputs toInputs(NDManager manager) {
    Shape sequence = new Shape(batch, channels, length);
    Shape projected = new Shape(batch, stateSize, length);
    ScanInputs.Builder builder =
        ScanInputs.builder()
            .setX(manager.create(x, sequence))
            .setDelta(manager.create(delta, sequence))
            .setA(manager.create(a, new Shape(channels, stateSize)))
            .setB(manager.create(b, projected))
            .setC(manager.create(c, projected))
            .optDeltaSoftplus(deltaSoftplus)
            .optMaskMode(maskMode);
    if (d != null) {
      builder.optD(manager.create(d));
    }
    if (z != null) {
      builder.optZ(manager.create(z, sequence));
    }
    if (deltaBias != null) {
      builder.optDeltaBias(manager.create(deltaBias));
    }
    if (keptMask != null) {
      builder.optKeptMask(manager.create(keptMask, new Shape(batch, length)));
    }
    return builder.build();
  }

  private static float[] floats(NDArray array) {
    if (array.getDataType() == DataType.FLOAT32) {
      return array.toFloatArray();
    }
    try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
      return converted.toFloatArray();
    }
  }

  private static void expect(String name, float[] array, long size, boolean required) {
    if (array == null) {
      if (required) {
        throw new IllegalArgumentException(name + " is required");
      }
      return;
    }
    if (array.length != size) {
      throw new IllegalArgumentException(
          name + " must have " + size + " entries, got " + array.length);
    }
  }
}
