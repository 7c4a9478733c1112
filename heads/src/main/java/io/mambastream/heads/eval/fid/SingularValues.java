package io.mambastream.heads.eval.fid;

/**
 * Singular values of a square matrix by one-sided Jacobi rotations (Hestenes; Demmel and Veselić,
 * "Jacobi's method is more accurate than QR", 1992).
 *
 * <p>Pairs of rows are rotated until every pair is orthogonal to working precision; the singular
 * values are then the row norms. Unlike the eigenvalues of AᵀA, whose small members drown in
 * round-off of the large ones (an error of ε·σ_max² on σ², i.e. up to √ε·σ_max on σ), each singular
 * value comes out with an error of a few ε·σ_max, so a sum of singular values keeps its small
 * terms.
 */
public final class SingularValues {
  private static final double EPS = Math.ulp(1.0);
  private static final int MAX_SWEEPS = 100;

  private SingularValues() {}

  /**
   * Returns the singular values of {@code a} (n×n; not changed), in no particular order.
   *
   * @throws IllegalArgumentException if {@code a} is not square or holds a non-finite value
   */
  public static double[] of(double[][] a) {
    int n = a.length;
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException(
            "matrix must be square, row " + i + " has " + a[i].length);
      }
      for (double v : a[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("matrix holds a non-finite value");
        }
      }
      rows[i] = a[i].clone();
    }
    double[] norms = new double[n]; // squared row norms, refreshed every sweep
    double tolerance = Math.max(n, 1) * EPS;
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      for (int i = 0; i < n; i++) {
        norms[i] = dot(rows[i], rows[i]);
      }
      boolean rotated = false;
      for (int i = 0; i < n - 1; i++) {
        for (int j = i + 1; j < n; j++) {
          rotated |= orthogonalize(rows[i], rows[j], norms, i, j, tolerance);
        }
      }
      if (!rotated) {
        break;
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.sqrt(dot(rows[i], rows[i]));
    }
    return values;
  }

  /**
   * Rotates rows x = rows[i], y = rows[j] in their plane so that they become orthogonal, unless
   * they already are (|x·y| ≤ tolerance·‖x‖·‖y‖); returns whether it rotated.
   */
  private static boolean orthogonalize(
      double[] x, double[] y, double[] norms, int i, int j, double tolerance) {
    double alpha = norms[i];
    double beta = norms[j];
    double gamma = dot(x, y);
    if (Math.abs(gamma) <= tolerance * Math.sqrt(alpha * beta)) {
      return false;
    }
    // The 2×2 Gram matrix [[α, γ], [γ, β]] is diagonalised by the rotation with
    // cot 2θ = ζ = (β − α) / 2γ; t = tan θ is the smaller root of t² + 2ζt − 1 = 0.
    double zeta = (beta - alpha) / (2 * gamma);
    double t = Math.copySign(1, zeta) / (Math.abs(zeta) + Math.hypot(1, zeta));
    double c = 1 / Math.hypot(1, t);
    double s = c * t;
    for (int k = 0; k < x.length; k++) {
      double xk = x[k];
      double yk = y[k];
      x[k] = c * xk - s * yk;
      y[k] = s * xk + c * yk;
    }
    norms[i] = alpha - t * gamma;
    norms[j] = beta + t * gamma;
    return true;
  }

  private static double dot(double[] x, double[] y) {
    double sum = 0;
    for (int k = 0; k < x.length; k++) {
      sum += x[k] * y[k];
    }
    return sum;
  }
}
