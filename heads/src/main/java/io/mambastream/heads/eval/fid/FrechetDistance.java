package io.mambastream.heads.eval.fid;

/**
 * The Fréchet distance between two Gaussians, FID's formula:
 *
 * <pre>
 * d² = ‖μ₁ − μ₂‖² + Tr Σ₁ + Tr Σ₂ − 2·Tr √(Σ₁Σ₂)
 * </pre>
 *
 * <p>Tr √(Σ₁Σ₂) is computed exactly for positive semi-definite Σ₁, Σ₂: with S = √Σ₁ (symmetric
 * eigen-decomposition), Σ₁Σ₂ = S·(SΣ₂) has the same eigenvalues as (SΣ₂)·S = SΣ₂S, which is
 * symmetric PSD; so Tr √(Σ₁Σ₂) = Σ √μ_i over the eigenvalues μ_i of SΣ₂S. In both decompositions
 * eigenvalues that are zero within round-off (at most n·ε·max|λ|, including negative ones) are set
 * to 0 ({@link SymmetricEigen#valuesClamped()}): a square root would turn round-off of 1e-16 into
 * errors of 1e-8, which matters for the singular covariances of fewer samples than features.
 * pytorch-fid instead takes {@code scipy.linalg.sqrtm(Σ₁Σ₂)} of the non-symmetric product (a Schur
 * method), drops a small imaginary part, and retries with ε = 1e-6 added to both diagonals only
 * when the result is not finite; for singular covariances (fewer samples than features) its result
 * carries the error of sqrtm on a singular matrix, ours does not.
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
    double[][] s = SymmetricEigen.of(sigma1).sqrtClamped();
    double[][] product = multiply(multiply(s, sigma2), s);
    int n = product.length;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double mean = (product[i][j] + product[j][i]) / 2; // symmetric up to round-off
        product[i][j] = mean;
        product[j][i] = mean;
      }
    }
    double sum = 0;
    for (double mu : SymmetricEigen.of(product).valuesClamped()) {
      sum += Math.sqrt(mu);
    }
    return sum;
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
