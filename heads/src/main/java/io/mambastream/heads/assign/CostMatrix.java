package io.mambastream.heads.assign;

import java.util.Arrays;

/**
 * A dense rows × cols cost matrix in row-major order. Entries that are NaN or +∞ mark pairs that
 * must never be assigned. Keeps its shape even when one side is empty.
 */
public final class CostMatrix {
  private final int rows;
  private final int cols;
  private final double[] values;

  private CostMatrix(int rows, int cols, double[] values) {
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /** Wraps a row-major array of {@code rows * cols} costs (not copied). */
  public static CostMatrix of(int rows, int cols, double[] values) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "expected " + rows + "x" + cols + " values, got " + values.length);
    }
    return new CostMatrix(rows, cols, values);
  }

  /** Copies a rectangular {@code double[rows][cols]} array; all rows must have the same length. */
  public static CostMatrix of(double[][] cost) {
    int rows = cost.length;
    int cols = rows == 0 ? 0 : cost[0].length;
    double[] values = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      if (cost[i].length != cols) {
        throw new IllegalArgumentException(
            "row " + i + " has " + cost[i].length + " entries, row 0 has " + cols);
      }
      System.arraycopy(cost[i], 0, values, i * cols, cols);
    }
    return new CostMatrix(rows, cols, values);
  }

  /** Returns a rows × cols matrix filled with {@code value}. */
  public static CostMatrix filled(int rows, int cols, double value) {
    double[] values = new double[rows * cols];
    Arrays.fill(values, value);
    return of(rows, cols, values);
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Number of columns. */
  public int cols() {
    return cols;
  }

  /** Returns the cost of pairing row {@code i} with column {@code j}. */
  public double get(int i, int j) {
    return values[i * cols + j];
  }

  /** Sets the cost of pairing row {@code i} with column {@code j}. */
  public void set(int i, int j, double value) {
    values[i * cols + j] = value;
  }

  /** Whether the pair may be assigned: its cost is neither NaN nor +∞. */
  public boolean allowed(int i, int j) {
    double c = get(i, j);
    return !Double.isNaN(c) && c != Double.POSITIVE_INFINITY;
  }
}
