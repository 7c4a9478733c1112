package io.mambastream.heads.eval.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Singular values on hand cases and on matrices built from known ones. */
class SingularValuesTest {

  private static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  /** Returns Q = H₁·H₂·H₃ (Householder reflections of random vectors), an exact-ish orthogonal. */
  static double[][] randomOrthogonal(Random random, int n) {
    double[][] q = new double[n][n];
    for (int i = 0; i < n; i++) {
      q[i][i] = 1;
    }
    for (int r = 0; r < 3; r++) {
      double[] w = new double[n];
      double norm2 = 0;
      for (int i = 0; i < n; i++) {
        w[i] = random.nextGaussian();
        norm2 += w[i] * w[i];
      }
      // Q ← Q·(I − 2wwᵀ/wᵀw)
      for (double[] row : q) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += row[i] * w[i];
        }
        for (int i = 0; i < n; i++) {
          row[i] -= 2 * dot / norm2 * w[i];
        }
      }
    }
    return q;
  }

  /** Returns U·diag(s)·Vᵀ. */
  static double[][] compose(double[][] u, double[] s, double[][] v) {
    int n = s.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += u[i][k] * s[k] * v[j][k];
        }
        out[i][j] = sum;
      }
    }
    return out;
  }

  @Test
  void handCases() {
    // A diagonal matrix: the absolute values of its entries.
    assertThat(sorted(SingularValues.of(new double[][] {{3, 0, 0}, {0, -2, 0}, {0, 0, 0}})))
        .containsExactly(new double[] {0, 2, 3}, within(1e-15));
    // [[1, 1], [0, 1]]: AᵀA = [[1, 1], [1, 2]] has eigenvalues (3 ± √5) / 2 = ((√5 ± 1) / 2)², so
    // σ = φ = (√5 + 1) / 2 and 1/φ = (√5 − 1) / 2.
    double phi = (Math.sqrt(5) + 1) / 2;
    assertThat(sorted(SingularValues.of(new double[][] {{1, 1}, {0, 1}})))
        .containsExactly(new double[] {1 / phi, phi}, within(1e-14)); // a few ε·σ_max
    // Rank one u·vᵀ with |u| = 3 (1, 2, 2) and |v| = 5 (0, 3, 4): σ = 15, 0, 0.
    double[][] outer = {{0, 3, 4}, {0, 6, 8}, {0, 6, 8}};
    assertThat(sorted(SingularValues.of(outer)))
        .containsExactly(new double[] {0, 0, 15}, within(1e-14));
    assertThat(SingularValues.of(new double[0][0])).isEmpty();
  }

  @Test
  void recoversGradedSingularValuesOfRandomMatrices() {
    // A = U·diag(σ)·Vᵀ with σ_k = 10^(−k/3), 1 down to 2e-10: each σ comes back to a few ε·σ_max,
    // the small ones included (the eigenvalues of AᵀA would lose those below √ε).
    Random random = new Random(20261127);
    int n = 30;
    double[] sigma = new double[n];
    for (int k = 0; k < n; k++) {
      sigma[k] = Math.pow(10, -k / 3.0);
    }
    for (int trial = 0; trial < 3; trial++) {
      double[][] a = compose(randomOrthogonal(random, n), sigma, randomOrthogonal(random, n));
      assertThat(sorted(SingularValues.of(a))).containsExactly(sorted(sigma), within(1e-14));
    }
  }

  @Test
  void leavesItsInputAloneAndRefusesBadMatrices() {
    double[][] a = {{1, 2}, {3, 4}};
    SingularValues.of(a);
    assertThat(a).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    assertThatThrownBy(() -> SingularValues.of(new double[][] {{1, 2}}))
        .hasMessageContaining("square");
    assertThatThrownBy(() -> SingularValues.of(new double[][] {{Double.NaN}}))
        .hasMessageContaining("non-finite");
  }
}
