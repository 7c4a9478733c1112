package io.mambastream.backbones.checkpoint;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Python-side names and checked conversions for the Java values the unpickler builds. */
final class PickleValues {
  private PickleValues() {}

  /**
   * The Python type name of an unpickled value ({@code int}, {@code str}, {@code dict}, ...); never
   * its contents, so describing a hostile structure cannot recurse or flood a message.
   */
  static String describe(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof TensorView) {
      return "tensor";
    }
    if (value instanceof StorageRef) {
      return "storage";
    }
    if (value instanceof TorchGlobal global) {
      return global.qualifiedName();
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return "int";
    }
    if (value instanceof Double) {
      return "float";
    }
    if (value instanceof byte[]) {
      return "bytes";
    }
    if (value instanceof Object[]) {
      return "tuple";
    }
    if (value instanceof Map) {
      return "dict";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof Set) {
      return "set";
    }
    return value.getClass().getSimpleName();
  }

  /** Comma-separated {@link #describe} of each value. */
  static String describeAll(Collection<?> values) {
    return values.stream().map(PickleValues::describe).collect(Collectors.joining(", "));
  }

  /**
   * A Python int as a long.
   *
   * @throws IllegalArgumentException for other types or values beyond 64 bits
   */
  static long toLong(Object value, String what) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    if (value instanceof BigInteger) {
      throw new IllegalArgumentException(what + " does not fit in 64 bits");
    }
    throw new IllegalArgumentException(what + " is a " + describe(value) + ", not an int");
  }

  /**
   * Whether a value may be a dict key or set member: Python refuses lists, dicts and sets there,
   * and in Java their hash would walk the whole (possibly cyclic) structure.
   */
  static boolean isHashable(Object value) {
    return !(value instanceof Collection || value instanceof Map);
  }
}
