package io.mambastream.heads.assign;

import java.util.List;

/**
 * The result of an assignment: matched pairs in increasing row order, then the rows and the columns
 * left without a partner, each in increasing order.
 */
public record Assignment(
    List<Match> matches, List<Integer> unmatchedRows, List<Integer> unmatchedCols) {

  /** Copies the lists so the record stays immutable. */
  public Assignment {
    matches = List.copyOf(matches);
    unmatchedRows = List.copyOf(unmatchedRows);
    unmatchedCols = List.copyOf(unmatchedCols);
  }

  /** Returns the sum of {@code cost} over the matched pairs. */
  public double totalCost(CostMatrix cost) {
    double sum = 0;
    for (Match m : matches) {
      sum += cost.get(m.row(), m.col());
    }
    return sum;
  }
}
