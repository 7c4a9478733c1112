package io.mambastream.heads.eval.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Jacobi solver on hand cases and on random matrices checked by A·v = λ·v. */
class SymmetricEigenTest {

  private static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  @Test
  void twoByTwo() {
    // [[2, 1], [1, 2]]: characteristic polynomial (2 - λ)² - 1 = 0, so λ = 1 and 3, with
    // eigenvectors (1, -1)/√2 and (1, 1)/√2.
    SymmetricEigen eigen = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
    assertThat(sorted(eigen.values())).containsExactly(new double[] {1, 3}, within(1e-15));
    double[][] v = eigen.vectors();
    int big = eigen.values()[0] > eigen.values()[1] ? 0 : 1;
    assertThat(Math.abs(v[0][big])).isCloseTo(Math.sqrt(0.5), within(1e-15));
    assertThat(v[0][big] * v[1][big]).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void diagonalAndZeroMatrices() {
    assertThat(sorted(SymmetricEigen.of(new double[][] {{4, 0}, {0, -1}}).values()))
        .containsExactly(-1, 4);
    assertThat(SymmetricEigen.of(new double[][] {{0, 0}, {0, 0}}).values()).containsExactly(0, 0);
    assertThat(SymmetricEigen.of(new double[0][0]).values()).isEmpty();
  }

  @Test
  void squareRootOfAPsdMatrix() {
    // [[5, 4], [4, 5]] = S² with S = [[2, 1], [1, 2]] (S² = [[5, 4], [4, 5]]).
    double[][] s = SymmetricEigen.of(new double[][] {{5, 4}, {4, 5}}).sqrtClamped();
    assertThat(s[0]).containsExactly(new double[] {2, 1}, within(1e-14));
    assertThat(s[1]).containsExactly(new double[] {1, 2}, within(1e-14));
    // Negative eigenvalues are clamped: diag(4, -1) -> diag(2, 0).
    double[][] clamped = SymmetricEigen.of(new double[][] {{4, 0}, {0, -1}}).sqrtClamped();
    assertThat(clamped[0]).containsExactly(2, 0);
    assertThat(clamped[1]).containsExactly(0, 0);
  }

  /** Checks A·v_k = λ_k·v_k and VᵀV = I to {@code tolerance}·max(1, ‖A‖_max). */
  private static void assertDecomposes(double[][] a, double tolerance) {
    int n = a.length;
    double scale = 1;
    for (double[] row : a) {
      for (double x : row) {
        scale = Math.max(scale, Math.abs(x));
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(a);
    double[] lambda = eigen.values();
    double[][] v = eigen.vectors();
    double residual = 0;
    double orthogonality = 0;
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        double av = 0;
        for (int j = 0; j < n; j++) {
          av += a[i][j] * v[j][k];
        }
        residual = Math.max(residual, Math.abs(av - lambda[k] * v[i][k]));
      }
      for (int l = 0; l < n; l++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += v[i][k] * v[i][l];
        }
        orthogonality = Math.max(orthogonality, Math.abs(dot - (k == l ? 1 : 0)));
      }
    }
    assertThat(residual).as("max |A·v - λ·v|").isLessThan(tolerance * scale);
    assertThat(orthogonality).as("max |VᵀV - I|").isLessThan(tolerance);
  }

  @Test
  void randomSymmetricMatricesDecompose() {
    Random random = new Random(7);
    for (int n : new int[] {1, 2, 3, 8, 30, 100}) {
      double[][] a = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          a[i][j] = random.nextGaussian();
          a[j][i] = a[i][j];
        }
      }
      assertDecomposes(a, 1e-12);
    }
  }

  @Test
  void repeatedRankDeficientAndGradedMatricesDecompose() {
    int n = 12;
    Random random = new Random(11);
    // I + u·uᵀ: eigenvalue 1 eleven times, 1 + |u|² once.
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = random.nextGaussian();
    }
    double[][] repeated = new double[n][n];
    double[][] lowRank = new double[n][n];
    double[][] graded = new double[n][n];
    double[][] x = new double[n][2];
    for (double[] row : x) {
      row[0] = random.nextGaussian();
      row[1] = random.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        repeated[i][j] = (i == j ? 1 : 0) + u[i] * u[j];
        lowRank[i][j] = x[i][0] * x[j][0] + x[i][1] * x[j][1]; // rank 2, PSD
        graded[i][j] = Math.pow(10, -(i + j) / 2.0) * (i == j ? 2 : 0.5); // entries 2 .. 1e-11
      }
    }
    assertDecomposes(repeated, 1e-12);
    assertDecomposes(lowRank, 1e-12);
    assertDecomposes(graded, 1e-12);
    double normU = 0;
    for (double ui : u) {
      normU += ui * ui;
    }
    double[] values = sorted(SymmetricEigen.of(repeated).values());
    assertThat(values[n - 1]).isCloseTo(1 + normU, within(1e-12 * (1 + normU)));
    assertThat(values[0]).isCloseTo(1, within(1e-12 * (1 + normU)));
    // The rank-2 matrix has n − 2 eigenvalues that are zero within round-off: clamped to 0.
    double[] clamped = sorted(SymmetricEigen.of(lowRank).valuesClamped());
    for (int k = 0; k < n - 2; k++) {
      assertThat(clamped[k]).isZero();
    }
    assertThat(clamped[n - 2]).isPositive();
  }

  @Test
  void rejectsNonSymmetricInput() {
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 4}}))
        .hasMessageContaining("not symmetric");
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}}))
        .hasMessageContaining("not square");
  }
}
