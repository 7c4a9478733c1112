package io.mambastream.backbones.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/** Element types a checkpoint tensor may hold, with their size and safetensors spelling. */
public enum ElementType {
  /** IEEE 754 binary32. */
  FLOAT32(4, "F32", DataType.FLOAT32),
  /** IEEE 754 binary16. */
  FLOAT16(2, "F16", DataType.FLOAT32),
  /** bfloat16: the upper 16 bits of a binary32. */
  BFLOAT16(2, "BF16", DataType.FLOAT32),
  /** IEEE 754 binary64. */
  FLOAT64(8, "F64", DataType.FLOAT32),
  /** Signed 64-bit integer. */
  INT64(8, "I64", DataType.INT64),
  /** Signed 32-bit integer. */
  INT32(4, "I32", DataType.INT32),
  /** Unsigned 8-bit integer. */
  UINT8(1, "U8", DataType.UINT8),
  /** Boolean stored as one byte, 0 or 1. */
  BOOL(1, "BOOL", DataType.BOOLEAN);

  private final int byteSize;
  private final String safetensorsName;
  private final DataType ndArrayType;

  ElementType(int byteSize, String safetensorsName, DataType ndArrayType) {
    this.byteSize = byteSize;
    this.safetensorsName = safetensorsName;
    this.ndArrayType = ndArrayType;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** The dtype string of the safetensors header ({@code "F32"}, {@code "BF16"}, ...). */
  public String safetensorsName() {
    return safetensorsName;
  }

  /**
   * The DJL type of the array {@link TensorData#toNDArray} makes: floating types become FLOAT32.
   */
  public DataType ndArrayType() {
    return ndArrayType;
  }

  /** Whether this is a floating-point type. */
  public boolean isFloatingPoint() {
    return ndArrayType == DataType.FLOAT32;
  }

  /**
   * The type of a safetensors dtype string.
   *
   * @throws IllegalArgumentException for dtypes this reader does not support (I8, U16, F8_*, ...)
   */
  public static ElementType fromSafetensorsName(String name) {
    for (ElementType type : values()) {
      if (type.safetensorsName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unsupported safetensors dtype '" + name + "'");
  }

  /**
   * The type of a DJL array type.
   *
   * @throws IllegalArgumentException for DJL types without a counterpart here
   */
  public static ElementType fromDataType(DataType type) {
    return switch (type) {
      case FLOAT32 -> FLOAT32;
      case FLOAT16 -> FLOAT16;
      case FLOAT64 -> FLOAT64;
      case INT64 -> INT64;
      case INT32 -> INT32;
      case UINT8 -> UINT8;
      case BOOLEAN -> BOOL;
      default ->
          throw new IllegalArgumentException(
              "no checkpoint element type for DJL type "
                  + type.toString().toLowerCase(Locale.ROOT));
    };
  }
}
