package io.mambastream.heads.assign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Optimal one-to-one assignment of the rows of a cost matrix to its columns.
 *
 * <p>Two problems, both on rectangular matrices where NaN or +∞ forbids a pair:
 *
 * <ul>
 *   <li>{@link #minimumCost}: among all assignments using allowed pairs, those with the most pairs;
 *       among them, one with the least total cost. Without forbidden pairs that is a complete
 *       assignment of min(rows, cols) pairs, as SciPy's {@code linear_sum_assignment} returns.
 *   <li>{@link #withCostLimit}: ByteTrack's {@code linear_assignment(cost, thresh)} (lap's {@code
 *       lapjv(..., extend_cost=True, cost_limit=thresh)}): minimises Σ over matched pairs of cost +
 *       limit × (number of unmatched rows), i.e. maximises Σ (limit − cost) over matched pairs. A
 *       pair with cost ≥ limit is never matched (lap may return a pair whose cost equals the limit,
 *       as that ties with leaving both unmatched; here it is left unmatched).
 * </ul>
 *
 * <p>Both are solved exactly by one shortest-augmenting-path solver (Jonker–Volgenant family) on
 * the matrix extended with one dummy column per row. Ties between optimal assignments are broken
 * deterministically by the solver's scan order: the same matrix always gives the same answer, but
 * which of several optimal assignments is returned is not otherwise specified. −∞ entries are
 * rejected. Runs in O(rows² · (rows + cols)) time at worst.
 */
public final class LinearAssignment {
  private LinearAssignment() {}

  /**
   * Returns a maximum-cardinality assignment over the allowed pairs with the least total cost.
   *
   * @throws IllegalArgumentException when an entry is −∞
   */
  public static Assignment minimumCost(CostMatrix cost) {
    int n = cost.rows();
    int m = cost.cols();
    checkNoNegativeInfinity(cost);
    if (n == 0 || m == 0) {
      return result(n, m, new int[n]);
    }
    // First try to assign all of the shorter side without dummies (the common case: no forbidden
    // entry, or enough allowed ones); when that is impossible, fall back to dummies.
    Assignment direct = complete(cost);
    if (direct != null) {
      return direct;
    }
    // One dummy column per row at tier 1: using a dummy means leaving the row unmatched, and the
    // solver first minimises the number of dummies, then the real cost.
    int cols = m + n;
    int[] tier = new int[n * cols];
    double[] values = new double[n * cols];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        values[i * cols + j] = cost.get(i, j);
      }
      for (int j = m; j < cols; j++) {
        tier[i * cols + j] = 1;
      }
    }
    return result(n, m, ShortestAugmentingPath.solve(n, cols, tier, values));
  }

  /**
   * Returns the assignment minimising Σ matched cost + {@code limit} × unmatched rows; pairs whose
   * cost is ≥ {@code limit}, NaN or +∞ are never matched.
   *
   * @throws IllegalArgumentException when {@code limit} is not finite or an entry is −∞
   */
  public static Assignment withCostLimit(CostMatrix cost, double limit) {
    if (!Double.isFinite(limit)) {
      throw new IllegalArgumentException("cost limit must be finite, got " + limit);
    }
    int n = cost.rows();
    int m = cost.cols();
    checkNoNegativeInfinity(cost);
    if (n == 0 || m == 0) {
      return result(n, m, new int[n]);
    }
    int cols = m + n;
    int[] tier = new int[n * cols];
    double[] values = new double[n * cols];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double c = cost.get(i, j);
        values[i * cols + j] = cost.allowed(i, j) && c < limit ? c : Double.POSITIVE_INFINITY;
      }
      for (int j = m; j < cols; j++) {
        values[i * cols + j] = limit;
      }
    }
    int[] colForRow = ShortestAugmentingPath.solve(n, cols, tier, values);
    return result(n, m, colForRow);
  }

  /**
   * A least-cost assignment of min(rows, cols) allowed pairs (the wider side goes into the
   * columns), or null when the allowed pairs cannot cover the shorter side.
   */
  private static Assignment complete(CostMatrix cost) {
    int n = cost.rows();
    int m = cost.cols();
    boolean transpose = n > m;
    int rows = transpose ? m : n;
    int cols = transpose ? n : m;
    double[] values = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        values[i * cols + j] = transpose ? cost.get(j, i) : cost.get(i, j);
      }
    }
    int[] colForRow = ShortestAugmentingPath.solve(rows, cols, new int[rows * cols], values);
    if (colForRow == null) {
      return null;
    }
    if (!transpose) {
      return result(n, m, colForRow);
    }
    int[] forOriginalRow = new int[n];
    Arrays.fill(forOriginalRow, m);
    for (int r = 0; r < rows; r++) {
      forOriginalRow[colForRow[r]] = r;
    }
    return result(n, m, forOriginalRow);
  }

  /** Builds the result; a column index ≥ m (a dummy) means the row is unmatched. */
  private static Assignment result(int n, int m, int[] colForRow) {
    List<Match> matches = new ArrayList<>();
    List<Integer> unmatchedRows = new ArrayList<>();
    boolean[] used = new boolean[m];
    for (int i = 0; i < n; i++) {
      int j = m == 0 ? m : colForRow[i];
      if (j < m) {
        matches.add(new Match(i, j));
        used[j] = true;
      } else {
        unmatchedRows.add(i);
      }
    }
    List<Integer> unmatchedCols = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      if (!used[j]) {
        unmatchedCols.add(j);
      }
    }
    return new Assignment(matches, unmatchedRows, unmatchedCols);
  }

  private static void checkNoNegativeInfinity(CostMatrix cost) {
    for (int i = 0; i < cost.rows(); i++) {
      for (int j = 0; j < cost.cols(); j++) {
        if (cost.get(i, j) == Double.NEGATIVE_INFINITY) {
          throw new IllegalArgumentException("cost[" + i + "][" + j + "] is -Infinity");
        }
      }
    }
  }
}
