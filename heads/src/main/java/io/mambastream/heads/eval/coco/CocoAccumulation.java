package io.mambastream.heads.eval.coco;

import java.util.Arrays;

/**
 * Precision and recall over the whole dataset (pycocotools' {@code eval['precision']} and {@code
 * eval['recall']}); -1 marks a setting without any non-ignored ground truth.
 *
 * <p>Shapes: precision T×R×K×A×M, recall T×K×A×M, with T IoU thresholds, R recall points, K
 * categories, A area ranges (in {@link AreaRange} order) and M detection limits; both stored flat
 * in that (C) order.
 */
public final class CocoAccumulation {
  private final int categories;
  private final double[] precision;
  private final double[] recall;

  CocoAccumulation(int categories) {
    this.categories = categories;
    int cells = categories * AreaRange.values().length * CocoParameters.maxDetsCount();
    this.precision = new double[CocoParameters.T * CocoParameters.R * cells];
    this.recall = new double[CocoParameters.T * cells];
    Arrays.fill(precision, -1);
    Arrays.fill(recall, -1);
  }

  /** Returns the number of categories (K). */
  public int categories() {
    return categories;
  }

  /** Returns the interpolated precision at threshold t, recall point r, category k, area a, m. */
  public double precision(int t, int r, int k, int a, int m) {
    return precision[precisionIndex(t, r, k, a, m)];
  }

  /** Returns the final recall at threshold t for category k, area a and detection limit m. */
  public double recall(int t, int k, int a, int m) {
    return recall[recallIndex(t, k, a, m)];
  }

  void setPrecision(int t, int r, int k, int a, int m, double value) {
    precision[precisionIndex(t, r, k, a, m)] = value;
  }

  void setRecall(int t, int k, int a, int m, double value) {
    recall[recallIndex(t, k, a, m)] = value;
  }

  private int precisionIndex(int t, int r, int k, int a, int m) {
    return recallIndex(t * CocoParameters.R + r, k, a, m);
  }

  private int recallIndex(int t, int k, int a, int m) {
    int areas = AreaRange.values().length;
    return ((t * categories + k) * areas + a) * CocoParameters.maxDetsCount() + m;
  }
}
