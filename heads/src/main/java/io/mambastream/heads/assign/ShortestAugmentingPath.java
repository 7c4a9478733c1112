package io.mambastream.heads.assign;

import java.util.Arrays;

/**
 * Shortest augmenting path solver for the complete rectangular assignment problem (the
 * Jonker–Volgenant family, in the form Crouse (2016) describes and SciPy's {@code
 * linear_sum_assignment} uses): every one of the n rows gets a distinct column out of m ≥ n.
 *
 * <p>Costs are compared lexicographically as pairs (tier, cost): the solver first minimises the sum
 * of integer tiers, then the sum of costs. Callers use tier 1 for dummy columns, so "use as few
 * dummies as possible" wins over any difference in real cost, exactly, without a big-M constant.
 * Entries whose cost is NaN or +∞ are never used.
 *
 * <p>Rows are added one at a time; each addition runs Dijkstra on reduced costs from the new row
 * until it reaches a free column, then updates the dual potentials and flips the path. Among equal
 * distances the first column found in scan order wins, preferring a free one, so equal inputs
 * always give equal outputs.
 */
final class ShortestAugmentingPath {
  private ShortestAugmentingPath() {}

  /**
   * Returns {@code colForRow}, the column of each row, minimising (Σ tier, Σ cost).
   *
   * @param rows n, at most {@code cols}
   * @param cols m
   * @param tier tier of each entry, row-major n × m
   * @param cost cost of each entry, row-major n × m; NaN or +∞ forbids the pair
   * @return the column of each row, or {@code null} when no complete assignment avoids the
   *     forbidden pairs
   */
  static int[] solve(int rows, int cols, int[] tier, double[] cost) {
    if (rows > cols) {
      throw new IllegalArgumentException("needs rows <= cols, got " + rows + "x" + cols);
    }
    // Dual potentials as (tier, cost) pairs.
    long[] uTier = new long[rows];
    double[] uCost = new double[rows];
    long[] vTier = new long[cols];
    double[] vCost = new double[cols];
    int[] colForRow = new int[rows];
    int[] rowForCol = new int[cols];
    Arrays.fill(colForRow, -1);
    Arrays.fill(rowForCol, -1);

    long[] shortTier = new long[cols];
    double[] shortCost = new double[cols];
    int[] path = new int[cols];
    boolean[] visitedRow = new boolean[rows];
    boolean[] visitedCol = new boolean[cols];
    int[] remaining = new int[cols];

    for (int curRow = 0; curRow < rows; curRow++) {
      Arrays.fill(shortTier, Long.MAX_VALUE);
      Arrays.fill(shortCost, Double.POSITIVE_INFINITY);
      Arrays.fill(path, -1);
      Arrays.fill(visitedRow, false);
      Arrays.fill(visitedCol, false);
      int numRemaining = cols;
      for (int it = 0; it < cols; it++) {
        remaining[it] = cols - it - 1;
      }
      long minTier = 0;
      double minCost = 0;
      int i = curRow;
      int sink = -1;
      while (sink == -1) {
        visitedRow[i] = true;
        int index = -1;
        long lowTier = Long.MAX_VALUE;
        double lowCost = Double.POSITIVE_INFINITY;
        for (int it = 0; it < numRemaining; it++) {
          int j = remaining[it];
          int e = i * cols + j;
          double c = cost[e];
          if (!Double.isNaN(c) && c != Double.POSITIVE_INFINITY) {
            long rTier = minTier + tier[e] - uTier[i] - vTier[j];
            double rCost = minCost + c - uCost[i] - vCost[j];
            if (less(rTier, rCost, shortTier[j], shortCost[j])) {
              path[j] = i;
              shortTier[j] = rTier;
              shortCost[j] = rCost;
            }
          }
          if (shortTier[j] != Long.MAX_VALUE
              && (less(shortTier[j], shortCost[j], lowTier, lowCost)
                  || (shortTier[j] == lowTier && shortCost[j] == lowCost && rowForCol[j] == -1))) {
            lowTier = shortTier[j];
            lowCost = shortCost[j];
            index = it;
          }
        }
        if (index == -1) {
          return null;
        }
        minTier = lowTier;
        minCost = lowCost;
        int j = remaining[index];
        if (rowForCol[j] == -1) {
          sink = j;
        } else {
          i = rowForCol[j];
        }
        visitedCol[j] = true;
        remaining[index] = remaining[--numRemaining];
      }

      // Update the duals so that reduced costs stay non-negative and the new path is tight.
      uTier[curRow] += minTier;
      uCost[curRow] += minCost;
      for (int r = 0; r < rows; r++) {
        if (visitedRow[r] && r != curRow) {
          int j = colForRow[r];
          uTier[r] += minTier - shortTier[j];
          uCost[r] += minCost - shortCost[j];
        }
      }
      for (int j = 0; j < cols; j++) {
        if (visitedCol[j]) {
          vTier[j] -= minTier - shortTier[j];
          vCost[j] -= minCost - shortCost[j];
        }
      }

      // Flip the alternating path from the sink back to the new row.
      int j = sink;
      while (true) {
        int r = path[j];
        rowForCol[j] = r;
        int previous = colForRow[r];
        colForRow[r] = j;
        if (r == curRow) {
          break;
        }
        j = previous;
      }
    }
    return colForRow;
  }

  private static boolean less(long aTier, double aCost, long bTier, double bCost) {
    return aTier < bTier || (aTier == bTier && aCost < bCost);
  }
}
