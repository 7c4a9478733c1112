package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.TreeMap;

/**
 * The error measure of every kernel test: {@code max|actual − expected| / max|expected|}, over all
 * elements, in double precision (the plain max difference when {@code expected} is all zero).
 */
final class RelativeError {
  /** The bound for float32 kernels against their reference. */
  static final double FLOAT32_BOUND = 1e-4;

  private RelativeError() {}

  /** Returns the relative error of {@code actual} against {@code expected}; shapes must match. */
  static double of(NDArray actual, NDArray expected) {
    if (!actual.getShape().equals(expected.getShape())) {
      throw new AssertionError(
          "shape " + actual.getShape() + " differs from expected " + expected.getShape());
    }
    return of(actual.toFloatArray(), expected.toFloatArray());
  }

  /** Returns the relative error of {@code actual} against {@code expected}; lengths must match. */
  static double of(float[] actual, float[] expected) {
    if (actual.length != expected.length) {
      throw new AssertionError(
          "length " + actual.length + " differs from expected " + expected.length);
    }
    double maxDiff = 0;
    double maxExpected = 0;
    for (int i = 0; i < actual.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) actual[i] - expected[i]));
      maxExpected = Math.max(maxExpected, Math.abs((double) expected[i]));
    }
    if (Double.isNaN(maxDiff) || Double.isInfinite(maxDiff)) {
      return Double.POSITIVE_INFINITY;
    }
    return maxExpected == 0 ? maxDiff : maxDiff / maxExpected;
  }

  /**
   * Returns the relative error of every named array of {@code actual} against the array of the same
   * name in {@code expected}; the names must match.
   */
  static Map<String, Double> ofEach(Map<String, NDArray> actual, Map<String, NDArray> expected) {
    if (!actual.keySet().equals(expected.keySet())) {
      throw new AssertionError("names " + actual.keySet() + " differ from " + expected.keySet());
    }
    Map<String, Double> errors = new TreeMap<>();
    expected.forEach((name, array) -> errors.put(name, of(actual.get(name), array)));
    return errors;
  }
}
