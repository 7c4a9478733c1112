package io.mambastream.heads.eval.coco;

/**
 * The mean of a double array summed exactly as numpy sums it, so that averages agree to the bit.
 *
 * <p>numpy adds a contiguous array by pairwise summation: fewer than 8 values in order; up to 128
 * values in 8 interleaved partial sums combined as {@code ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))}
 * followed by the leftovers; longer arrays split at half (rounded down to a multiple of 8) and
 * recurse. The mean is that sum divided by the count.
 */
final class NumpyMean {
  private static final int BLOCK = 128;
  private static final int UNROLL = 8;

  private NumpyMean() {}

  /** Returns numpy's {@code mean} of the first {@code n} values (NaN when {@code n} is 0). */
  static double mean(double[] values, int n) {
    return sum(values, 0, n) / n;
  }

  /** Returns numpy's {@code sum} of {@code values[from, from + n)}. */
  static double sum(double[] values, int from, int n) {
    if (n < UNROLL) {
      double sum = 0.;
      for (int i = 0; i < n; i++) {
        sum += values[from + i];
      }
      return sum;
    }
    if (n <= BLOCK) {
      double[] partial = new double[UNROLL];
      System.arraycopy(values, from, partial, 0, UNROLL);
      int i = UNROLL;
      for (; i < n - n % UNROLL; i += UNROLL) {
        for (int j = 0; j < UNROLL; j++) {
          partial[j] += values[from + i + j];
        }
      }
      double sum =
          ((partial[0] + partial[1]) + (partial[2] + partial[3]))
              + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
      for (; i < n; i++) {
        sum += values[from + i];
      }
      return sum;
    }
    int half = n / 2;
    half -= half % UNROLL;
    return sum(values, from, half) + sum(values, from + half, n - half);
  }
}
