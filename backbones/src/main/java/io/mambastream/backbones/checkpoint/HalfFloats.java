package io.mambastream.backbones.checkpoint;

/** IEEE 754 binary16 to binary32, by hand (Java 17 has no Float.float16ToFloat). */
final class HalfFloats {
  private HalfFloats() {}

  /** The float32 value of the binary16 bits in the low 16 bits of {@code bits}. */
  static float halfToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) { // infinity or NaN: keep the payload
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) { // zero or subnormal: mantissa · 2^-24, exact in float32
      float magnitude = mantissa * 0x1p-24f;
      return sign != 0 ? -magnitude : magnitude;
    }
    // normal: rebias the exponent from 15 to 127
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
