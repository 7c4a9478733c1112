package io.mambastream.heads.eval.fid;

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method: A = V·diag(λ)·Vᵀ with
 * V orthogonal.
 *
 * <p>Each rotation zeroes one off-diagonal entry; sweeps over all pairs repeat until the
 * off-diagonal mass is negligible against the diagonal (quadratic convergence, typically 6–10
 * sweeps). Jacobi is slower than Householder + QL (about 3n³ per sweep) but simple and accurate:
 * errors of a few ulps of the largest eigenvalue, and Jacobi is known for high relative accuracy on
 * positive definite matrices; it suits feature widths up to a few hundred. It is written here
 * rather than taken from a library because none of the project's dependencies has a
 * double-precision symmetric eigen-solver (DJL's NDArray API offers none), and a new dependency
 * (EJML) for about 100 lines was not worth it.
 */
public final class SymmetricEigen {
  private static final int MAX_SWEEPS = 100;

  private final double[] values;
  private final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /**
   * Decomposes {@code a} (n×n, symmetric; only read, not changed).
   *
   * @throws IllegalArgumentException if {@code a} is not square, not symmetric (to 1e-12 relative),
   *     or holds a non-finite value
   */
  public static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException(
            "matrix is not square: row " + i + " has " + a[i].length);
      }
      m[i] = a[i].clone();
      for (double v : m[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("matrix holds a non-finite value");
        }
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(m[i][j] - m[j][i]) > 1e-12 * scale) {
          throw new IllegalArgumentException("matrix is not symmetric at (" + i + ", " + j + ")");
        }
      }
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS && !converged(m); sweep++) {
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(m, v, p, q);
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = m[i][i];
    }
    return new SymmetricEigen(values, v);
  }

  /** Returns the eigenvalues λ_i (unsorted; λ_i belongs to column i of {@link #vectors()}). */
  public double[] values() {
    return values.clone();
  }

  /** Returns V: column i is the unit eigenvector of λ_i. */
  public double[][] vectors() {
    double[][] copy = new double[vectors.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = vectors[i].clone();
    }
    return copy;
  }

  /**
   * Returns the eigenvalue threshold below which an eigenvalue is zero within round-off: n·ε·max|λ|
   * (ε = 2⁻⁵², numpy's {@code matrix_rank} tolerance). A backward-stable solver finds the
   * eigenvalues of A + E with ‖E‖ of that order, so smaller ones cannot be told from 0.
   */
  public double zeroTolerance() {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return values.length * Math.ulp(1.0) * max;
  }

  /**
   * Returns the eigenvalues with those at or below {@link #zeroTolerance()} (numerically zero, or
   * negative from round-off) set to 0: the spectrum of the nearest PSD matrix.
   */
  public double[] valuesClamped() {
    double tolerance = zeroTolerance();
    double[] out = values.clone();
    for (int k = 0; k < out.length; k++) {
      if (out[k] <= tolerance) {
        out[k] = 0;
      }
    }
    return out;
  }

  /** Returns V·diag(√λ')·Vᵀ with λ' = {@link #valuesClamped()}: the PSD square root. */
  public double[][] sqrtClamped() {
    int n = values.length;
    double[] root = valuesClamped();
    for (int k = 0; k < n; k++) {
      root[k] = Math.sqrt(root[k]);
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += vectors[i][k] * root[k] * vectors[j][k];
        }
        out[i][j] = sum;
        out[j][i] = sum;
      }
    }
    return out;
  }

  /** Stops when every off-diagonal entry is below 1e-15 of the largest diagonal magnitude. */
  private static boolean converged(double[][] m) {
    int n = m.length;
    double diag = 0;
    for (int i = 0; i < n; i++) {
      diag = Math.max(diag, Math.abs(m[i][i]));
    }
    double tolerance = 1e-15 * diag;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Math.abs(m[i][j]) > tolerance && Math.abs(m[i][j]) > Double.MIN_NORMAL) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * One Jacobi rotation in the (p, q) plane that zeroes m[p][q]: with θ = (m_qq − m_pp) / (2 m_pq),
   * t = sgn(θ) / (|θ| + √(θ² + 1)) (the smaller rotation angle), c = 1/√(t² + 1), s = t·c.
   */
  private static void rotate(double[][] m, double[][] v, int p, int q) {
    double apq = m[p][q];
    if (apq == 0) {
      return;
    }
    double theta = (m[q][q] - m[p][p]) / (2 * apq);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = m.length;
    for (int k = 0; k < n; k++) {
      double mkp = m[k][p];
      double mkq = m[k][q];
      m[k][p] = c * mkp - s * mkq;
      m[k][q] = s * mkp + c * mkq;
    }
    for (int k = 0; k < n; k++) {
      double mpk = m[p][k];
      double mqk = m[q][k];
      m[p][k] = c * mpk - s * mqk;
      m[q][k] = s * mpk + c * mqk;
    }
    m[p][q] = 0;
    m[q][p] = 0;
    for (int k = 0; k < n; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }
}
