package io.mambastream.heads.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

  @Test
  void scipyDocumentationExample() {
    // SciPy's linear_sum_assignment example: the optimum pairs rows 0,1,2 with columns 1,0,2 for a
    // total of 1 + 2 + 2 = 5 (every other permutation costs more: checked by hand, e.g. 4+0+2 = 6).
    CostMatrix cost = CostMatrix.of(new double[][] {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}});
    Assignment a = LinearAssignment.minimumCost(cost);
    assertThat(a.matches()).containsExactly(new Match(0, 1), new Match(1, 0), new Match(2, 2));
    assertThat(a.totalCost(cost)).isEqualTo(5.0);
    assertThat(a.unmatchedRows()).isEmpty();
    assertThat(a.unmatchedCols()).isEmpty();
  }

  @Test
  void forbiddenPairsPreferMoreMatchesOverLowerCost() {
    // Row 0 may take column 0 (cost 9) or column 1 (cost 1); row 1 may only take column 1. The
    // cheap choice for row 0 would leave row 1 unmatched, so two matches at 9 + 5 win.
    double inf = Double.POSITIVE_INFINITY;
    CostMatrix cost = CostMatrix.of(new double[][] {{9, 1}, {Double.NaN, 5}, {inf, inf}});
    Assignment a = LinearAssignment.minimumCost(cost);
    assertThat(a.matches()).containsExactly(new Match(0, 0), new Match(1, 1));
    assertThat(a.unmatchedRows()).containsExactly(2);
    assertThat(a.unmatchedCols()).isEmpty();
  }

  @Test
  void costLimitLeavesExpensivePairsUnmatched() {
    // ByteTrack-style 1 - IoU costs with thresh 0.8: row 0 matches column 1 (0.2); row 1's only
    // candidate costs 0.85 >= 0.8, and the pair at exactly the limit (row 2, column 0) is refused.
    CostMatrix cost = CostMatrix.of(new double[][] {{0.9, 0.2, 1}, {1, 1, 0.85}, {0.8, 1, 1}});
    Assignment a = LinearAssignment.withCostLimit(cost, 0.8);
    assertThat(a.matches()).containsExactly(new Match(0, 1));
    assertThat(a.unmatchedRows()).containsExactly(1, 2);
    assertThat(a.unmatchedCols()).containsExactly(0, 2);
  }

  @Test
  void costLimitTradesOneGoodPairForTwoFairOnes() {
    // Limit 1: matching (0,0) alone gains 1 - 0.1 = 0.9; matching (0,1) and (1,0) gains
    // (1 - 0.5) + (1 - 0.3) = 1.2, which is better although its total cost is higher.
    CostMatrix cost = CostMatrix.of(new double[][] {{0.1, 0.5}, {0.3, 2}});
    Assignment a = LinearAssignment.withCostLimit(cost, 1.0);
    assertThat(a.matches()).containsExactly(new Match(0, 1), new Match(1, 0));
  }

  @Test
  void emptySidesKeepTheirShape() {
    Assignment a = LinearAssignment.minimumCost(CostMatrix.of(0, 3, new double[0]));
    assertThat(a.matches()).isEmpty();
    assertThat(a.unmatchedCols()).containsExactly(0, 1, 2);
    Assignment b = LinearAssignment.withCostLimit(CostMatrix.of(2, 0, new double[0]), 0.5);
    assertThat(b.unmatchedRows()).containsExactly(0, 1);
  }

  @Test
  void rejectsNegativeInfinityAndRaggedRows() {
    assertThatThrownBy(
            () ->
                LinearAssignment.minimumCost(
                    CostMatrix.of(new double[][] {{Double.NEGATIVE_INFINITY}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Infinity");
    assertThatThrownBy(() -> CostMatrix.of(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1");
  }

  @Property(tries = 300, seed = "20261127")
  void minimumCostMatchesBruteForce(
      @ForAll @IntRange(min = 0, max = 5) int rows,
      @ForAll @IntRange(min = 0, max = 5) int cols,
      @ForAll @IntRange(min = 0, max = 3) int forbiddenTenths,
      @ForAll long seed) {
    CostMatrix cost = random(rows, cols, forbiddenTenths / 10.0, seed);
    Assignment a = LinearAssignment.minimumCost(cost);
    checkConsistent(a, cost);
    Best best = bruteForce(cost, Double.NaN);
    assertThat(a.matches()).hasSize(best.count);
    assertThat(a.totalCost(cost)).isCloseTo(best.cost, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(LinearAssignment.minimumCost(cost)).isEqualTo(a);
  }

  @Property(tries = 300, seed = "20261127")
  void costLimitMatchesBruteForce(
      @ForAll @IntRange(min = 0, max = 5) int rows,
      @ForAll @IntRange(min = 0, max = 5) int cols,
      @ForAll @IntRange(min = 0, max = 3) int forbiddenTenths,
      @ForAll @IntRange(min = 1, max = 12) int limit,
      @ForAll long seed) {
    CostMatrix cost = random(rows, cols, forbiddenTenths / 10.0, seed);
    Assignment a = LinearAssignment.withCostLimit(cost, limit);
    checkConsistent(a, cost);
    for (Match m : a.matches()) {
      assertThat(cost.get(m.row(), m.col())).isLessThan(limit);
    }
    double objective = a.totalCost(cost) + limit * (double) a.unmatchedRows().size();
    Best best = bruteForce(cost, limit);
    assertThat(objective).isCloseTo(best.cost, org.assertj.core.data.Offset.offset(1e-9));
  }

  /** Costs in [-2, 10), each entry forbidden (NaN or +∞) with probability {@code pForbidden}. */
  private static CostMatrix random(int rows, int cols, double pForbidden, long seed) {
    Random random = new Random(seed);
    double[] values = new double[rows * cols];
    for (int k = 0; k < values.length; k++) {
      if (random.nextDouble() < pForbidden) {
        values[k] = random.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY;
      } else {
        values[k] = -2 + 12 * random.nextDouble();
      }
    }
    return CostMatrix.of(rows, cols, values);
  }

  private static void checkConsistent(Assignment a, CostMatrix cost) {
    Set<Integer> rows = new HashSet<>(a.unmatchedRows());
    Set<Integer> cols = new HashSet<>(a.unmatchedCols());
    for (Match m : a.matches()) {
      assertThat(cost.allowed(m.row(), m.col())).isTrue();
      assertThat(rows.add(m.row())).isTrue();
      assertThat(cols.add(m.col())).isTrue();
    }
    assertThat(rows).hasSize(cost.rows());
    assertThat(cols).hasSize(cost.cols());
    List<Integer> order = a.matches().stream().map(Match::row).toList();
    assertThat(order).isSorted();
  }

  private record Best(int count, double cost) {}

  /**
   * Tries every partial injective map of rows to allowed columns. Without a limit (NaN) the best
   * has the most pairs, then the least cost; with a limit the best has the least cost + limit ×
   * unmatched rows (its {@code cost} field holds that objective).
   */
  private static Best bruteForce(CostMatrix cost, double limit) {
    Best[] best = {null};
    search(cost, 0, new boolean[cost.cols()], 0, 0.0, limit, best);
    return best[0];
  }

  private static void search(
      CostMatrix cost, int row, boolean[] used, int count, double sum, double limit, Best[] best) {
    if (row == cost.rows()) {
      Best candidate;
      if (Double.isNaN(limit)) {
        candidate = new Best(count, sum);
        if (best[0] == null
            || count > best[0].count
            || (count == best[0].count && sum < best[0].cost)) {
          best[0] = candidate;
        }
      } else {
        double objective = sum + limit * (cost.rows() - count);
        if (best[0] == null || objective < best[0].cost) {
          best[0] = new Best(count, objective);
        }
      }
      return;
    }
    search(cost, row + 1, used, count, sum, limit, best);
    for (int j = 0; j < cost.cols(); j++) {
      if (!used[j] && cost.allowed(row, j)) {
        used[j] = true;
        search(cost, row + 1, used, count + 1, sum + cost.get(row, j), limit, best);
        used[j] = false;
      }
    }
  }
}
