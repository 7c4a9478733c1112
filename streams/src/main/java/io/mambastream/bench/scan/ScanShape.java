package io.mambastream.bench.scan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The size of one selective scan: batch B, channels D, length L, state N.
 *
 * @param batch B
 * @param channels D
 * @param length L
 * @param state N
 */
public record ScanShape(int batch, int channels, int length, int state) {

  /** The shapes of the issue: one Vim-Ti image at 224 px, and a batch of 8 at 512 px. */
  public static final String DEFAULT_SHAPES = "1x384x197x16,8x384x1025x16";

  /** Checks that every size is positive. */
  public ScanShape {
    if (batch < 1 || channels < 1 || length < 1 || state < 1) {
      throw new IllegalArgumentException("scan sizes must be positive: " + this);
    }
  }

  /**
   * Parses {@code BxDxLxN}, e.g. {@code 1x384x197x16}.
   *
   * @throws IllegalArgumentException naming the text when it is not four positive integers
   */
  public static ScanShape parse(String text) {
    String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "a shape is BxDxLxN (e.g. 1x384x197x16), got '" + text + "'");
    }
    try {
      return new ScanShape(
          Integer.parseInt(parts[0]),
          Integer.parseInt(parts[1]),
          Integer.parseInt(parts[2]),
          Integer.parseInt(parts[3]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a shape is BxDxLxN with positive integers, got '" + text + "'", e);
    }
  }

  /** Returns the shape as {@code BxDxLxN}. */
  public String text() {
    return batch + "x" + channels + "x" + length + "x" + state;
  }

  /** Returns the row parameters {B, D, L, N}. */
  public Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("B", batch);
    params.put("D", channels);
    params.put("L", length);
    params.put("N", state);
    return params;
  }

  /** Returns B·D·L·N, the number of state updates. */
  public long updates() {
    return (long) batch * channels * length * state;
  }

  /** Returns B·D·L, the number of outputs. */
  public long outputs() {
    return (long) batch * channels * length;
  }
}
