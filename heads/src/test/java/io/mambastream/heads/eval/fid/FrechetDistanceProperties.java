package io.mambastream.heads.eval.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariances of FID on random feature sets, including rank-deficient ones (n ≤ d). */
class FrechetDistanceProperties {

  private static double[][] features(Random random, int n, int d, double shift) {
    // Correlated features: x = shift + z·M with a random mixing matrix M.
    double[][] mix = new double[d][d];
    for (double[] row : mix) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian();
      }
    }
    double[][] rows = new double[n][d];
    for (double[] row : rows) {
      double[] z = new double[d];
      for (int j = 0; j < d; j++) {
        z[j] = random.nextGaussian();
      }
      for (int j = 0; j < d; j++) {
        double sum = shift;
        for (int k = 0; k < d; k++) {
          sum += z[k] * mix[k][j];
        }
        row[j] = sum;
      }
    }
    return rows;
  }

  private static double fid(double[][] a, double[][] b) {
    return FrechetDistance.between(GaussianStats.of(a), GaussianStats.of(b)).fid();
  }

  private static double scale(double[][] a, double[][] b) {
    GaussianStats sa = GaussianStats.of(a);
    GaussianStats sb = GaussianStats.of(b);
    double trace = 0;
    for (int i = 0; i < sa.dimension(); i++) {
      trace += sa.covariance()[i][i] + sb.covariance()[i][i];
    }
    return Math.max(trace, 1);
  }

  @Property(tries = 60, seed = "20261127")
  void distanceToItselfIsZero(
      @ForAll @IntRange(min = 2, max = 20) int n,
      @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll long seed) {
    double[][] a = features(new Random(seed), n, d, 0.5);
    // Tr √(Σ²) = Tr Σ for PSD Σ; the terms cancel up to round-off, also when n ≤ d.
    assertThat(fid(a, a)).isCloseTo(0, within(1e-10 * scale(a, a)));
  }

  @Property(tries = 60, seed = "20261127")
  void symmetricAndInvariantToRowOrderAndCommonShift(
      @ForAll @IntRange(min = 2, max = 20) int n,
      @ForAll @IntRange(min = 2, max = 20) int m,
      @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll long seed) {
    Random random = new Random(seed);
    double[][] a = features(random, n, d, 0);
    double[][] b = features(random, m, d, 1);
    double ab = fid(a, b);
    double tolerance = 1e-10 * scale(a, b);
    assertThat(ab).isGreaterThan(-tolerance);
    assertThat(fid(b, a)).isCloseTo(ab, within(tolerance));
    List<double[]> shuffled = new ArrayList<>(Arrays.asList(a));
    Collections.shuffle(shuffled, random);
    assertThat(fid(shuffled.toArray(new double[0][]), b)).isCloseTo(ab, within(tolerance));
    double[] shift = new double[d];
    for (int j = 0; j < d; j++) {
      shift[j] = 10 * random.nextGaussian();
    }
    assertThat(fid(shifted(a, shift), shifted(b, shift))).isCloseTo(ab, within(tolerance));
  }

  private static double[][] shifted(double[][] rows, double[] shift) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
      for (int j = 0; j < shift.length; j++) {
        out[i][j] += shift[j];
      }
    }
    return out;
  }
}
