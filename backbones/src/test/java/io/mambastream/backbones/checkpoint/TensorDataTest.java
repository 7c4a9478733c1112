package io.mambastream.backbones.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Element conversions and the NDArray bridge of {@link TensorData}. */
class TensorDataTest {

  /**
   * binary16 by its definition, in double arithmetic: sign · 2^(e−15) · (1 + m/1024) for normal
   * numbers, sign · 2^−14 · m/1024 for subnormals, infinity or NaN when e = 31.
   */
  private static double halfByDefinition(int bits) {
    double sign = (bits & 0x8000) != 0 ? -1 : 1;
    int e = (bits >> 10) & 0x1f;
    int m = bits & 0x3ff;
    if (e == 31) {
      return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    return e == 0
        ? sign * Math.pow(2, -14) * (m / 1024.0)
        : sign * Math.pow(2, e - 15) * (1 + m / 1024.0);
  }

  @Test
  void convertsEveryHalfPrecisionBitPatternExactly() {
    for (int bits = 0; bits < 1 << 16; bits++) {
      float actual = HalfFloats.halfToFloat(bits);
      double expected = halfByDefinition(bits);
      if (Double.isNaN(expected)) {
        assertThat(actual).as("bits %04x", bits).isNaN();
      } else {
        assertThat((double) actual).as("bits %04x", bits).isEqualTo(expected);
        assertThat(Math.copySign(1f, actual))
            .as("sign of %04x", bits)
            .isEqualTo((bits & 0x8000) != 0 ? -1f : 1f);
      }
    }
  }

  @Test
  void convertsBfloat16AsTheUpperHalfOfAFloat() {
    ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putShort((short) 0x3fc0).putShort((short) 0xc2f7); // 1.5 and -123.5 (0xc2f70000)
    TensorData tensor = new TensorData(ElementType.BFLOAT16, new long[] {2}, bytes.flip());
    assertThat(tensor.toFloatArray()).containsExactly(1.5f, -123.5f);
  }

  @Test
  void refusesDataOfTheWrongLength() {
    assertThatThrownBy(
            () -> new TensorData(ElementType.FLOAT32, new long[] {3}, ByteBuffer.allocate(8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 12 bytes, data holds 8");
    assertThatThrownBy(
            () -> new TensorData(ElementType.UINT8, new long[] {-1}, ByteBuffer.allocate(0)))
        .hasMessageContaining("negative dimension");
  }

  @Test
  void keepsItsShapeAndHandsOutReadOnlyData() {
    long[] shape = {2};
    ByteBuffer data = ByteBuffer.allocate(8);
    TensorData tensor = new TensorData(ElementType.FLOAT32, shape, data);
    shape[0] = 99;
    tensor.shape()[0] = 99;
    assertThat(tensor.shape()).containsExactly(2);
    assertThat(tensor.data().isReadOnly()).isTrue();
    assertThat(tensor.toFloatArray()).containsExactly(0f, 0f);
    assertThatThrownBy(tensor::toLongArray).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void makesNDArraysOfTheDocumentedTypes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ByteBuffer half =
          ByteBuffer.allocate(4)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putShort((short) 0x3c00)
              .putShort((short) 0xc000);
      NDArray fromHalf =
          new TensorData(ElementType.FLOAT16, new long[] {1, 2}, half.flip()).toNDArray(manager);
      assertThat(fromHalf.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(fromHalf.getShape()).isEqualTo(new Shape(1, 2));
      assertThat(fromHalf.toFloatArray()).containsExactly(1f, -2f);

      ByteBuffer longs = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
      NDArray scalar =
          new TensorData(ElementType.INT64, new long[0], longs.flip()).toNDArray(manager);
      assertThat(scalar.getDataType()).isEqualTo(DataType.INT64);
      assertThat(scalar.getShape()).isEqualTo(new Shape());
      assertThat(scalar.toLongArray()).containsExactly(1L << 40);

      ByteBuffer ints = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(8);
      NDArray fromInts =
          new TensorData(ElementType.INT32, new long[] {2}, ints.flip()).toNDArray(manager);
      assertThat(fromInts.getDataType()).isEqualTo(DataType.INT32);
      assertThat(fromInts.toIntArray()).containsExactly(-7, 8);

      NDArray bytes =
          new TensorData(
                  ElementType.UINT8, new long[] {2}, ByteBuffer.wrap(new byte[] {0, (byte) 255}))
              .toNDArray(manager);
      assertThat(bytes.getDataType()).isEqualTo(DataType.UINT8);
      assertThat(bytes.toUint8Array()).containsExactly(0, 255);

      NDArray flags =
          new TensorData(ElementType.BOOL, new long[] {2}, ByteBuffer.wrap(new byte[] {1, 0}))
              .toNDArray(manager);
      assertThat(flags.getDataType()).isEqualTo(DataType.BOOLEAN);
      assertThat(flags.toBooleanArray()).containsExactly(true, false);
    }
  }

  @Test
  void copiesNDArraysBackUnchanged() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray floats = manager.create(new float[] {1.5f, -2f, 3.25f, 0f, 9f, -0f}, new Shape(2, 3));
      TensorData tensor = TensorData.fromNDArray(floats);
      assertThat(tensor.dtype()).isEqualTo(ElementType.FLOAT32);
      assertThat(tensor.shape()).containsExactly(2, 3);
      assertThat(tensor.toNDArray(manager).contentEquals(floats)).isTrue();
      NDArray longs = manager.create(new long[] {-1, 1L << 50});
      assertThat(TensorData.fromNDArray(longs).toLongArray()).containsExactly(-1, 1L << 50);
    }
  }
}
