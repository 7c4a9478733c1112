package io.mambastream.heads.eval.fid;

import java.util.Arrays;

/**
 * Eigen-decomposition of a real symmetric matrix: A = V·diag(λ)·Vᵀ with V orthogonal.
 *
 * <p>Two classical steps (Golub and Van Loan, §8.3): (1) Householder reflections reduce A to a
 * tridiagonal T = QᵀAQ (about 4n³/3 flops, plus n³ to form Q); (2) implicit symmetric QR steps with
 * the Wilkinson shift diagonalise T, chasing the bulge with Givens rotations that are also applied
 * to Q; a sub-diagonal entry below ε·(|d_i| + |d_{i+1}|) splits the problem. Both steps are
 * backward stable: the eigenvalues are those of A + E with ‖E‖ ≈ n·ε·‖A‖. Rows of the working
 * arrays are contiguous, so d = 512 takes well under a second.
 *
 * <p>It is written here rather than taken from a library because none of the project's dependencies
 * has a double-precision symmetric eigen-solver (DJL's NDArray API offers none), and a new
 * dependency (EJML) for under 200 lines was not worth it.
 */
public final class SymmetricEigen {
  private static final double EPS = Math.ulp(1.0);

  private final double[] values;
  private final double[][] vectorRows; // row k is the unit eigenvector of values[k]

  private SymmetricEigen(double[] values, double[][] vectorRows) {
    this.values = values;
    this.vectorRows = vectorRows;
  }

  /**
   * Decomposes {@code a} (n×n, symmetric; only read, not changed).
   *
   * @throws IllegalArgumentException if {@code a} is not square, not symmetric (to 1e-12 relative),
   *     or holds a non-finite value
   */
  public static SymmetricEigen of(double[][] a) {
    double[][] m = checkedCopy(a);
    int n = m.length;
    double[] d = new double[n];
    double[] e = new double[Math.max(n - 1, 0)];
    double[][] z = tridiagonalize(m, d, e);
    diagonalize(d, e, z);
    return new SymmetricEigen(d, z);
  }

  /** Returns the eigenvalues λ_k (unsorted; λ_k belongs to column k of {@link #vectors()}). */
  public double[] values() {
    return values.clone();
  }

  /** Returns V: column k is the unit eigenvector of λ_k. */
  public double[][] vectors() {
    int n = values.length;
    double[][] v = new double[n][n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        v[i][k] = vectorRows[k][i];
      }
    }
    return v;
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
    return values.length * EPS * max;
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
    double[][] out = new double[n][n];
    for (int k = 0; k < n; k++) {
      double r = Math.sqrt(root[k]);
      if (r == 0) {
        continue;
      }
      double[] v = vectorRows[k];
      for (int i = 0; i < n; i++) {
        double rvi = r * v[i];
        double[] row = out[i];
        for (int j = 0; j < n; j++) {
          row[j] += rvi * v[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double mean = (out[i][j] + out[j][i]) / 2;
        out[i][j] = mean;
        out[j][i] = mean;
      }
    }
    return out;
  }

  private static double[][] checkedCopy(double[][] a) {
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
    return m;
  }

  /**
   * Step 1: for k = 0 .. n−3 a reflection H_k = I − β·v·vᵀ on indices k+1 .. n−1 zeroes column k
   * below the sub-diagonal; the trailing block B becomes H·B·H = B − v·wᵀ − w·vᵀ with p = β·B·v and
   * w = p − (β·pᵀv / 2)·v. Fills the diagonal {@code d} and sub-diagonal {@code e} and returns Qᵀ =
   * H_{n−3} ··· H_0 (rows contiguous, so later rotations update two rows).
   */
  private static double[][] tridiagonalize(double[][] m, double[] d, double[] e) {
    int n = m.length;
    double[][] qt = new double[n][n];
    for (int i = 0; i < n; i++) {
      qt[i][i] = 1;
    }
    double[] v = new double[n];
    double[] w = new double[n];
    double[] u = new double[n];
    for (int k = 0; k < n - 2; k++) {
      int lo = k + 1;
      double norm = 0;
      for (int i = lo; i < n; i++) {
        norm = Math.hypot(norm, m[i][k]);
      }
      double x0 = m[lo][k];
      double sigma = x0 >= 0 ? -norm : norm; // H·x = sigma·e1, sign chosen against cancellation
      for (int i = lo; i < n; i++) {
        v[i] = m[i][k];
      }
      v[lo] = x0 - sigma;
      double vv = 0;
      for (int i = lo; i < n; i++) {
        vv += v[i] * v[i];
      }
      for (int i = lo + 1; i < n; i++) {
        m[i][k] = 0;
        m[k][i] = 0;
      }
      m[lo][k] = sigma;
      m[k][lo] = sigma;
      if (vv == 0) {
        continue; // column already reduced
      }
      double beta = 2 / vv;
      double pv = 0;
      for (int i = lo; i < n; i++) {
        double sum = 0;
        double[] row = m[i];
        for (int j = lo; j < n; j++) {
          sum += row[j] * v[j];
        }
        w[i] = beta * sum; // p
        pv += w[i] * v[i];
      }
      double half = beta * pv / 2;
      for (int i = lo; i < n; i++) {
        w[i] -= half * v[i];
      }
      for (int i = lo; i < n; i++) {
        double[] row = m[i];
        double vi = v[i];
        double wi = w[i];
        for (int j = lo; j < n; j++) {
          row[j] -= vi * w[j] + wi * v[j];
        }
      }
      // Qᵀ ← H_k·Qᵀ: rows lo .. n−1 lose β·v·(vᵀ·Qᵀ).
      Arrays.fill(u, 0);
      for (int i = lo; i < n; i++) {
        double vi = v[i];
        double[] row = qt[i];
        for (int j = 0; j < n; j++) {
          u[j] += vi * row[j];
        }
      }
      for (int i = lo; i < n; i++) {
        double bvi = beta * v[i];
        double[] row = qt[i];
        for (int j = 0; j < n; j++) {
          row[j] -= bvi * u[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      d[i] = m[i][i];
      if (i + 1 < n) {
        e[i] = m[i + 1][i];
      }
    }
    return qt;
  }

  /**
   * Step 2: implicit QR steps with the Wilkinson shift on the unreduced block [lo, hi] of the
   * tridiagonal (d, e). Each step starts with the rotation that the shifted first column asks for,
   * then chases the bulge down with rotations G_k on (k, k+1); rows k, k+1 of {@code z} turn with
   * them, so z ends as the eigenvectors (as rows).
   */
  private static void diagonalize(double[] d, double[] e, double[][] z) {
    int n = d.length;
    int hi = n - 1;
    int budget = 30 * Math.max(n, 1);
    while (hi > 0) {
      if (Math.abs(e[hi - 1]) <= EPS * (Math.abs(d[hi - 1]) + Math.abs(d[hi]))) {
        e[hi - 1] = 0;
        hi--;
        continue;
      }
      int lo = hi - 1;
      while (lo > 0 && Math.abs(e[lo - 1]) > EPS * (Math.abs(d[lo - 1]) + Math.abs(d[lo]))) {
        lo--;
      }
      if (budget-- == 0) {
        throw new IllegalStateException("symmetric QR did not converge");
      }
      double half = (d[hi - 1] - d[hi]) / 2;
      double off = e[hi - 1];
      double shift = d[hi] - off * off / (half + Math.copySign(Math.hypot(half, off), half));
      double x = d[lo] - shift;
      double y = e[lo];
      for (int k = lo; k < hi; k++) {
        double r = Math.hypot(x, y);
        double c = r == 0 ? 1 : x / r;
        double s = r == 0 ? 0 : y / r;
        if (k > lo) {
          e[k - 1] = r;
        }
        double a = d[k];
        double b = e[k];
        double f = d[k + 1];
        d[k] = c * c * a + 2 * c * s * b + s * s * f;
        d[k + 1] = s * s * a - 2 * c * s * b + c * c * f;
        e[k] = c * s * (f - a) + (c * c - s * s) * b;
        if (k + 1 < hi) {
          x = e[k];
          y = s * e[k + 1]; // the bulge at (k, k+2)
          e[k + 1] = c * e[k + 1];
        }
        double[] zk = z[k];
        double[] zk1 = z[k + 1];
        for (int j = 0; j < zk.length; j++) {
          double p = zk[j];
          double q = zk1[j];
          zk[j] = c * p + s * q;
          zk1[j] = -s * p + c * q;
        }
      }
    }
  }
}
