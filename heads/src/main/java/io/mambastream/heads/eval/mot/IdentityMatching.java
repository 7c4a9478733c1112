package io.mambastream.heads.eval.mot;

import io.mambastream.heads.assign.Assignment;
import io.mambastream.heads.assign.CostMatrix;
import io.mambastream.heads.assign.LinearAssignment;
import io.mambastream.heads.assign.Match;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity measures' global matching of whole trajectories (Ristani et al. 2016), as
 * py-motmetrics' {@code id_global_assignment} builds it.
 *
 * <p>With {@code oc[o]} the frames of object o, {@code hc[h]} those of hypothesis h and {@code
 * tp[o,h]} the frames where both appear with 1 − IoU ≤ maxDistance, a square (O + H) matrix is
 * solved by minimum cost: object o with hypothesis h costs (oc − tp) + (hc − tp); o with its own
 * dummy column costs oc; h with its own dummy row costs hc; dummy with dummy costs 0; other pairs
 * are forbidden (a complete assignment avoiding them always exists). IDFN and IDFP are the sums of
 * the false-negative and false-positive parts over the chosen cells.
 */
final class IdentityMatching {
  private IdentityMatching() {}

  static IdentityCounts evaluate(MotSequence gt, MotSequence pred, double maxDistance) {
    TreeMap<Integer, Integer> oc = frameCounts(gt);
    TreeMap<Integer, Integer> hc = frameCounts(pred);
    Map<Integer, Integer> row = index(oc);
    Map<Integer, Integer> col = index(hc);
    int no = oc.size();
    int nh = hc.size();
    int size = no + nh;
    double[][] fp = new double[size][size];
    double[][] fn = new double[size][size];
    for (int r = no; r < size; r++) {
      for (int c = 0; c < nh; c++) {
        fp[r][c] = Double.NaN;
      }
    }
    for (int r = 0; r < no; r++) {
      for (int c = nh; c < size; c++) {
        fn[r][c] = Double.NaN;
      }
    }
    for (var e : oc.entrySet()) {
      int r = row.get(e.getKey());
      for (int c = 0; c < nh; c++) {
        fn[r][c] = e.getValue();
      }
      fn[r][nh + r] = e.getValue();
    }
    for (var e : hc.entrySet()) {
      int c = col.get(e.getKey());
      for (int r = 0; r < no; r++) {
        fp[r][c] = e.getValue();
      }
      fp[c + no][c] = e.getValue();
    }
    var gtFrames = gt.byFrame();
    var predFrames = pred.byFrame();
    for (var e : gtFrames.entrySet()) {
      List<MotBox> boxes = predFrames.get(e.getKey());
      if (boxes == null) {
        continue;
      }
      double[][] dist = ClearMotEvaluator.distances(e.getValue(), boxes, maxDistance);
      for (int i = 0; i < dist.length; i++) {
        for (int j = 0; j < dist[i].length; j++) {
          if (!Double.isNaN(dist[i][j])) {
            int r = row.get(e.getValue().get(i).id());
            int c = col.get(boxes.get(j).id());
            fp[r][c] -= 1;
            fn[r][c] -= 1;
          }
        }
      }
    }
    double[][] costs = new double[size][size];
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        costs[r][c] = fp[r][c] + fn[r][c];
      }
    }
    Assignment assignment = LinearAssignment.minimumCost(CostMatrix.of(costs));
    double idfp = 0;
    double idfn = 0;
    for (Match m : assignment.matches()) {
      idfp += fp[m.row()][m.col()];
      idfn += fn[m.row()][m.col()];
    }
    return new IdentityCounts(idfp, idfn);
  }

  private static TreeMap<Integer, Integer> frameCounts(MotSequence sequence) {
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    for (MotBox box : sequence.boxes()) {
      counts.merge(box.id(), 1, Integer::sum);
    }
    return counts;
  }

  private static Map<Integer, Integer> index(TreeMap<Integer, Integer> counts) {
    Map<Integer, Integer> index = new HashMap<>();
    for (int id : counts.keySet()) {
      index.put(id, index.size());
    }
    return index;
  }
}
