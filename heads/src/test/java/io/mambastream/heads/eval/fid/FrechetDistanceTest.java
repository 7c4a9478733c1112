package io.mambastream.heads.eval.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FID on cases with an obvious closed form, and the CSV reader. */
class FrechetDistanceTest {

  @TempDir Path dir;

  private static double fid(double[][] a, double[][] b) {
    return FrechetDistance.between(GaussianStats.of(a), GaussianStats.of(b)).fid();
  }

  @Test
  void oneDimension() {
    // a = {0, 2}: μ 1, unbiased variance (1 + 1) / 1 = 2. b = {1, 5}: μ 3, variance (4 + 4) / 1 =
    // 8. FID = (1 - 3)² + 2 + 8 - 2·√(2·8) = 4 + 10 - 8 = 6 = (μ₁ - μ₂)² + (σ₁ - σ₂)².
    assertThat(fid(new double[][] {{0}, {2}}, new double[][] {{1}, {5}}))
        .isCloseTo(6, within(1e-12));
  }

  @Test
  void diagonalCovariances() {
    // a: (±1, 0), (0, ±2): μ (0, 0), Σ = diag(2/3, 8/3). b: (2 ± 1, 1), (2, 1 ± 1): μ (2, 1),
    // Σ = diag(2/3, 2/3). Diagonal Σs commute, so Tr √(Σ₁Σ₂) = Σ √(σ₁ᵢσ₂ᵢ) and
    // FID = |μ₁ - μ₂|² + Σ (√σ₁ᵢ - √σ₂ᵢ)² = 5 + 0 + (2√(2/3) - √(2/3))² = 5 + 2/3.
    double[][] a = {{1, 0}, {-1, 0}, {0, 2}, {0, -2}};
    double[][] b = {{1, 1}, {3, 1}, {2, 0}, {2, 2}};
    FidResult r = FrechetDistance.between(GaussianStats.of(a), GaussianStats.of(b));
    assertThat(r.meanTerm()).isCloseTo(5, within(1e-15));
    assertThat(r.traceA()).isCloseTo(10.0 / 3, within(1e-15));
    assertThat(r.traceSqrt()).isCloseTo(Math.sqrt(4.0 / 9) + Math.sqrt(16.0 / 9), within(1e-14));
    assertThat(r.fid()).isCloseTo(5 + 2.0 / 3, within(1e-13));
  }

  @Test
  void rotatedCovarianceAgainstTheClosedForm() {
    // Σ₁ = I, Σ₂ = R·diag(4, 1)·Rᵀ (R a rotation by 30°): Tr √(Σ₁Σ₂) = √4 + √1 = 3, so
    // FID (equal means) = 2 + 5 - 6 = 1. Σ₂ = [[4c² + s², 3cs], [3cs, 4s² + c²]].
    double c = Math.cos(Math.PI / 6);
    double s = Math.sin(Math.PI / 6);
    double[][] sigma2 = {{4 * c * c + s * s, 3 * c * s}, {3 * c * s, 4 * s * s + c * c}};
    double[][] identity = {{1, 0}, {0, 1}};
    assertThat(FrechetDistance.traceSqrtProduct(identity, sigma2)).isCloseTo(3, within(1e-14));
    assertThat(FrechetDistance.traceSqrtProduct(sigma2, identity)).isCloseTo(3, within(1e-14));
  }

  @Test
  void gradedSpectrumKeepsItsSmallEigenvalues() {
    // Σ₁ = Q·diag(λ)·Qᵀ, Σ₂ = Q·diag(μ)·Qᵀ share eigenvectors, so Tr √(Σ₁Σ₂) = Σ √(λ_k·μ_k).
    // λ_k = 40·10^(−k/8) runs from 40 down to 5e-7 like the spectrum of classifier features.
    // Taking eigenvalues of √Σ₁·Σ₂·√Σ₁ (squares: 1600 down to 3e-13) would drop every λ below
    // about √(64·ε)·40 ≈ 5e-6 and miss ~2e-5 of Tr √(Σ₁Σ₁) = Tr Σ₁; singular values keep them.
    // Tolerance 1e-11 (an entry of a 64-term product of values up to 40 carries
    // about 64·ε·40 ≈ 6e-13), 10⁶ below the error of the squared form.
    int d = 64;
    double[][] q = SingularValuesTest.randomOrthogonal(new Random(7), d);
    double[] lambda = new double[d];
    double[] mu = new double[d];
    for (int k = 0; k < d; k++) {
      lambda[k] = 40 * Math.pow(10, -k / 8.0);
      mu[k] = 1 + k % 5;
    }
    double[][] sigma1 = SingularValuesTest.compose(q, lambda, q);
    double[][] sigma2 = SingularValuesTest.compose(q, mu, q);
    double traceLambda = 0;
    double expected = 0;
    for (int k = 0; k < d; k++) {
      traceLambda += lambda[k];
      expected += Math.sqrt(lambda[k] * mu[k]);
    }
    assertThat(FrechetDistance.traceSqrtProduct(sigma1, sigma1))
        .isCloseTo(traceLambda, within(1e-11));
    assertThat(FrechetDistance.traceSqrtProduct(sigma1, sigma2)).isCloseTo(expected, within(1e-11));
    assertThat(FrechetDistance.traceSqrtProduct(sigma2, sigma1)).isCloseTo(expected, within(1e-11));
  }

  @Test
  void rejectsTooFewRowsOrDifferentWidths() {
    assertThatThrownBy(() -> GaussianStats.of(new double[][] {{1, 2}}))
        .hasMessageContaining("at least 2 feature rows");
    assertThatThrownBy(() -> GaussianStats.of(new double[][] {{1, 2}, {3}}))
        .hasMessageContaining("rows differ in width");
    GaussianStats two = GaussianStats.of(new double[][] {{1, 2}, {3, 4}});
    GaussianStats one = GaussianStats.of(new double[][] {{1}, {3}});
    assertThatThrownBy(() -> FrechetDistance.between(two, one))
        .hasMessageContaining("differ in width: 2 and 1");
  }

  @Test
  void readsCsvWithAndWithoutHeader() throws IOException {
    Path withHeader = Files.writeString(dir.resolve("h.csv"), "f0,f1\n1,2\n\n3.5,-4e-1\n");
    assertThat(FeatureCsv.read(withHeader)).isDeepEqualTo(new double[][] {{1, 2}, {3.5, -0.4}});
    Path plain = Files.writeString(dir.resolve("p.csv"), "1, 2\n3,4\n");
    assertThat(FeatureCsv.read(plain)).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
  }

  @Test
  void csvErrorsNameTheLine() throws IOException {
    Path ragged = Files.writeString(dir.resolve("r.csv"), "a,b\n1,2\n3,4,5\n");
    assertThatThrownBy(() -> FeatureCsv.read(ragged))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("r.csv:3: expected 2 values like the first row, got 3");
    Path word = Files.writeString(dir.resolve("w.csv"), "1,2\n3,x\n");
    assertThatThrownBy(() -> FeatureCsv.read(word))
        .hasMessageContaining("w.csv:2: column 2 is not a number: 'x'");
    Path nan = Files.writeString(dir.resolve("n.csv"), "1,2\nNaN,1\n");
    assertThatThrownBy(() -> FeatureCsv.read(nan)).hasMessageContaining("n.csv:2: column 1");
    Path empty = Files.writeString(dir.resolve("e.csv"), "x,y\n");
    assertThatThrownBy(() -> FeatureCsv.read(empty)).hasMessageContaining("holds no feature rows");
  }
}
