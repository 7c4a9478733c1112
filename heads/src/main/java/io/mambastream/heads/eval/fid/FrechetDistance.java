package io.mambastream.heads.eval.fid;

/**
 * The Fréchet distance between two Gaussians, FID's formula:
 *
 * <pre>
 * d² = ‖μ₁ − μ₂‖² + Tr Σ₁ + Tr Σ₂ − 2·Tr √(Σ₁Σ₂)
 * </pre>
 *
 * <p>Tr √(Σ₁Σ₂) is computed for positive semi-definite Σ₁, Σ₂ as the sum of the singular values of
 * √Σ₁·√Σ₂: with S₁ = √Σ₁, S₂ = √Σ₂ (symmetric eigen-decompositions), Σ₁Σ₂ = S₁·(S₁Σ₂) has the same
 * eigenvalues as S₁Σ₂S₁ = (S₁S₂)(S₁S₂)ᵀ, whose eigenvalues are the squared singular values of S₁S₂.
 * Taking the singular values directly ({@link SingularValues}: eigenvalues of [[0, A], [Aᵀ, 0]])
 * rather than the eigenvalues of S₁Σ₂S₁ matters: those are squares, so an eigenvalue λ of Σ₁ = Σ₂
 * below about √(n·ε)·λ_max drowns in the round-off of the largest one, and a feature set with a
 * graded spectrum (a classifier's features: λ from 40 down to 1e-7) would lose ~1e-5 of its trace
 * and get FID(X, X) ≈ 3e-5 instead of 1e-12. Eigenvalues of Σ₁ and Σ₂ that are zero within
 * round-off (at most n·ε·max|λ|, including negative ones) are set to 0 before the square roots
 * ({@link SymmetricEigen#sqrtClamped()}): a square root would turn round-off of 1e-16 into errors
 * of 1e-8, which matters for the singular covariances of fewer samples than features. pytorch-fid
 * instead takes {@code scipy.linalg.sqrtm(Σ₁Σ₂)} of the non-symmetric product (a Schur method),
 * drops a small imaginary part, and retries with ε = 1e-6 added to both diagonals only when the
 * result is not finite; for singular covariances (fewer samples than features) its result carries
 * the error of sqrtm on a singular matrix, ours does not.
 */
public final class FrechetDistance {

  private FrechetDistance() {}

  /** Returns the distance between the Gaussians of two feature sets. */
  public static FidResult between(GaussianStats a, GaussianStats b) {
    int d = a.dimension();
    if (b.dimension() != d) {
      throw new IllegalArgumentException(
          "feature sets differ in width: " + d + " and " + b.dimension());
    }
    double meanTerm = 0;
    for (int i = 0; i < d; i++) {
      double diff = a.mean()[i] - b.mean()[i];
      meanTerm += diff * diff;
    }
    double traceA = trace(a.covariance());
    double traceB = trace(b.covariance());
    double traceSqrt = traceSqrtProduct(a.covariance(), b.covariance());
    double distance = meanTerm + traceA + traceB - 2 * traceSqrt;
    return new FidResult(distance, meanTerm, traceA, traceB, traceSqrt, a.count(), b.count(), d);
  }

  /** Returns Tr √(Σ₁Σ₂) for symmetric PSD Σ₁, Σ₂ (see the class comment). */
  public static double traceSqrtProduct(double[][] sigma1, double[][] sigma2) {
    SymmetricEigen e1 = SymmetricEigen.of(sigma1);
    SymmetricEigen e2 = SymmetricEigen.of(sigma2);
    double[] root1 = sqrt(e1.valuesClamped());
    double[] root2 = sqrt(e2.valuesClamped());
    // √Σ₁·√Σ₂ = V₁·(Λ₁^½ V₁ᵀV₂ Λ₂^½)·V₂ᵀ: the middle factor has the same singular values.
    double[][] middle = multiply(transpose(e1.vectors()), e2.vectors());
    for (int i = 0; i < middle.length; i++) {
      for (int j = 0; j < middle.length; j++) {
        middle[i][j] *= root1[i] * root2[j];
      }
    }
    double sum = 0;
    for (double sigma : SingularValues.of(middle)) {
      sum += sigma;
    }
    return sum;
  }

  private static double[] sqrt(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.sqrt(values[i]);
    }
    return out;
  }

  private static double[][] transpose(double[][] m) {
    int n = m.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[j][i] = m[i][j];
      }
    }
    return out;
  }

  private static double trace(double[][] m) {
    double sum = 0;
    for (int i = 0; i < m.length; i++) {
      sum += m[i][i];
    }
    return sum;
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    int n = x.length;
    int k = y.length;
    int m = y[0].length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      double[] row = out[i];
      for (int l = 0; l < k; l++) {
        double xil = x[i][l];
        double[] yRow = y[l];
        for (int j = 0; j < m; j++) {
          row[j] += xil * yRow[j];
        }
      }
    }
    return out;
  }
}
