package io.mambastream.backbones.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a checkpoint: element type, shape and the raw little-endian elements in row-major
 * order, kept in their stored type (a float16 tensor stays 2 bytes an element) and converted on
 * access.
 *
 * @param dtype the stored element type
 * @param shape the dimensions, outermost first; empty for a 0-dim (scalar) tensor
 * @param data exactly {@code numel × dtype.byteSize()} bytes, little-endian; not copied (weights
 *     can be large), so the caller must not modify the buffer afterwards
 */
public record TensorData(ElementType dtype, long[] shape, ByteBuffer data) {

  /** Validates the parts; keeps a copy of the shape and a read-only view (no copy) of the data. */
  public TensorData {
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
    long numel = numel(shape);
    long bytes = Math.multiplyExact(numel, dtype.byteSize());
    if (data.remaining() != bytes) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " of "
              + dtype
              + " needs "
              + bytes
              + " bytes, data holds "
              + data.remaining());
    }
    data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A float32 tensor holding {@code values} in row-major order. */
  public static TensorData ofFloats(float[] values, long... shape) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return new TensorData(ElementType.FLOAT32, shape, buffer);
  }

  /** A copy of an NDArray (FLOAT32, FLOAT16, FLOAT64, INT64, INT32, UINT8 or BOOLEAN). */
  public static TensorData fromNDArray(NDArray array) {
    ElementType type = ElementType.fromDataType(array.getDataType());
    ByteBuffer source = array.toByteBuffer();
    ByteBuffer copy = ByteBuffer.allocate(source.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    switch (type.byteSize()) {
      case 1 -> copy.put(source);
      case 2 -> copy.asShortBuffer().put(source.asShortBuffer());
      case 4 -> copy.asIntBuffer().put(source.asIntBuffer());
      default -> copy.asLongBuffer().put(source.asLongBuffer());
    }
    return new TensorData(type, array.getShape().getShape(), copy);
  }

  /** The dimensions (a copy). */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The dimensions as a DJL shape. */
  public Shape djlShape() {
    return new Shape(shape);
  }

  /** Number of elements: the product of the dimensions (1 for a scalar). */
  public long numel() {
    return numel(shape);
  }

  /** Number of elements of a shape, refusing negative dimensions and overflow. */
  static long numel(long[] shape) {
    long numel = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      numel = Math.multiplyExact(numel, dim);
    }
    return numel;
  }

  /** The data (a read-only little-endian view positioned at the first element). */
  @Override
  public ByteBuffer data() {
    return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** All elements converted to float32 (int64 values beyond 2^24 lose precision). */
  public float[] toFloatArray() {
    int n = Math.toIntExact(numel());
    float[] out = new float[n];
    ByteBuffer in = data();
    if (dtype == ElementType.FLOAT32) {
      in.asFloatBuffer().get(out);
      return out;
    }
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (dtype) {
            case FLOAT32 -> in.getFloat(i * 4);
            case FLOAT16 -> HalfFloats.halfToFloat(in.getShort(i * 2));
            case BFLOAT16 -> Float.intBitsToFloat(in.getShort(i * 2) << 16);
            case FLOAT64 -> (float) in.getDouble(i * 8);
            case INT64 -> (float) in.getLong(i * 8);
            case INT32 -> (float) in.getInt(i * 4);
            case UINT8, BOOL -> (float) (in.get(i) & 0xff);
          };
    }
    return out;
  }

  /**
   * All elements as longs; only for integer and boolean tensors.
   *
   * @throws IllegalStateException for floating-point tensors
   */
  public long[] toLongArray() {
    if (dtype.isFloatingPoint()) {
      throw new IllegalStateException("toLongArray on a " + dtype + " tensor");
    }
    int n = Math.toIntExact(numel());
    long[] out = new long[n];
    ByteBuffer in = data();
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (dtype) {
            case INT64 -> in.getLong(i * 8);
            case INT32 -> in.getInt(i * 4);
            default -> in.get(i) & 0xff;
          };
    }
    return out;
  }

  /**
   * The tensor as an NDArray owned by {@code manager}: floating types become FLOAT32, the others
   * keep their type (see {@link ElementType#ndArrayType()}).
   */
  public NDArray toNDArray(NDManager manager) {
    Shape djlShape = djlShape();
    return switch (dtype) {
      case FLOAT32, FLOAT16, BFLOAT16, FLOAT64 -> manager.create(toFloatArray(), djlShape);
      case INT64 -> manager.create(toLongArray(), djlShape);
      case INT32 ->
          manager.create(Arrays.stream(toLongArray()).mapToInt(v -> (int) v).toArray(), djlShape);
      case UINT8 -> manager.create(data(), djlShape, dtype.ndArrayType());
      case BOOL -> {
        long[] values = toLongArray();
        boolean[] flags = new boolean[values.length];
        for (int i = 0; i < flags.length; i++) {
          flags[i] = values[i] != 0;
        }
        yield manager.create(flags, djlShape);
      }
    };
  }

  /** Equal when dtype, shape and bytes are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TensorData that
        && dtype == that.dtype
        && Arrays.equals(shape, that.shape)
        && data.equals(that.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, Arrays.hashCode(shape), data);
  }

  /** Type and shape, never the values. */
  @Override
  public String toString() {
    return "TensorData[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
