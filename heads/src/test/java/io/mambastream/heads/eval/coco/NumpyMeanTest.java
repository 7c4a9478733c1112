package io.mambastream.heads.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * numpy's summation order, on values where order shows: 1 followed by copies of e = 10⁻¹⁶, which is
 * below half an ulp of 1 (2⁻⁵³ ≈ 1.1·10⁻¹⁶) but not of 2e.
 */
class NumpyMeanTest {
  private static final double E = 1e-16;

  private static double[] oneThen(int copies) {
    double[] values = new double[copies + 1];
    Arrays.fill(values, E);
    values[0] = 1;
    return values;
  }

  /** Under 8 values numpy adds in order: each e is lost against 1, the sum stays 1. */
  @Test
  void fewValuesAddInOrder() {
    assertThat(NumpyMean.sum(oneThen(6), 0, 7)).isEqualTo(1.0);
  }

  /**
   * From 8 values numpy keeps 8 partial sums r0..r7 = 1, e, ..., e and combines them as ((r0 + r1)
   * + (r2 + r3)) + ((r4 + r5) + (r6 + r7)) = (1 + 2e) + 4e: 1 + 2e rounds up to 1 + 2⁻⁵², then
   * adding 4e gives 1 + 3·2⁻⁵², numpy's 1.0000000000000007 (a ninth e is then lost again).
   */
  @Test
  void eightOrMoreValuesUsePartialSums() {
    assertThat(NumpyMean.sum(oneThen(7), 0, 8)).isEqualTo(1 + 3 * 0x1p-52);
    assertThat(NumpyMean.sum(oneThen(8), 0, 9)).isEqualTo(1 + 3 * 0x1p-52);
    assertThat(NumpyMean.mean(oneThen(8), 9)).isEqualTo((1 + 3 * 0x1p-52) / 9);
  }

  /** Above 128 values the array splits at a multiple of 8 near half; equal halves here. */
  @Test
  void longArraysSplitInHalves() {
    double[] values = new double[256];
    Arrays.fill(values, E);
    values[0] = 1;
    values[128] = 1;
    double half = NumpyMean.sum(values, 0, 128);
    assertThat(NumpyMean.sum(values, 0, 256)).isEqualTo(half + half);
  }
}
