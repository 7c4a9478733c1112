package io.mambastream.heads.eval.fid;

/**
 * Mean and unbiased covariance of a set of feature rows: μ = Σ x / n, Σ = Σ (x − μ)(x − μ)ᵀ / (n −
 * 1), as {@code numpy.cov(rowvar=False)} computes them for pytorch-fid.
 *
 * @param count number of rows n
 * @param mean μ, length d
 * @param covariance Σ, d×d, symmetric
 */
public record GaussianStats(int count, double[] mean, double[][] covariance) {

  /**
   * Returns the statistics of {@code rows} (n rows of d features).
   *
   * @throws IllegalArgumentException for fewer than 2 rows or rows of different widths
   */
  public static GaussianStats of(double[][] rows) {
    int n = rows.length;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 feature rows, got " + n);
    }
    int d = rows[0].length;
    double[] mean = new double[d];
    for (double[] row : rows) {
      if (row.length != d) {
        throw new IllegalArgumentException("rows differ in width: " + d + " and " + row.length);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] cov = new double[d][d];
    double[] centred = new double[d];
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        centred[j] = row[j] - mean[j];
      }
      for (int i = 0; i < d; i++) {
        double ci = centred[i];
        double[] covRow = cov[i];
        for (int j = 0; j <= i; j++) {
          covRow[j] += ci * centred[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        cov[i][j] /= n - 1;
        cov[j][i] = cov[i][j];
      }
    }
    return new GaussianStats(n, mean, cov);
  }

  /** Returns the feature width d. */
  public int dimension() {
    return mean.length;
  }
}
