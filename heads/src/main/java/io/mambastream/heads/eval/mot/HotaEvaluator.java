package io.mambastream.heads.eval.mot;

import io.mambastream.heads.assign.Assignment;
import io.mambastream.heads.assign.CostMatrix;
import io.mambastream.heads.assign.LinearAssignment;
import io.mambastream.heads.assign.Match;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TrackEval's {@code HOTA.eval_sequence} on one sequence, with similarity = IoU ({@link
 * BoxIou#trackEval}).
 *
 * <ol>
 *   <li>For every frame, each GT/tracker pair's IoU is normalised by (row sum + column sum − IoU)
 *       (left 0 where that is ≤ ε) and summed per id pair into {@code potential_matches_count}; the
 *       global alignment score is that over (GT id frames + tracker id frames − itself).
 *   <li>Per frame, a maximum-total assignment on alignment score × IoU; a pair counts as a true
 *       positive at α when its IoU ≥ α − ε.
 *   <li>Per α, AssA = Σ over id pairs of m · m / max(1, g + t − m) divided by max(1, TP), with m
 *       the matches of the pair and g, t the frames of each id; AssRe and AssPr use g and t alone;
 *       LocA is the mean IoU of the true positives (1e-10 floors).
 * </ol>
 *
 * ε is {@code np.finfo('float').eps} = 2⁻⁵². A sequence without tracker boxes (or without GT boxes)
 * takes TrackEval's early return: all FN (or FP), LocA 1, every other field 0.
 */
public final class HotaEvaluator {
  private static final double EPS = Math.ulp(1.0);

  private HotaEvaluator() {}

  /** Evaluates {@code pred} against {@code gt}. */
  public static HotaCounts evaluate(MotSequence gt, MotSequence pred) {
    int a19 = HotaCounts.ALPHAS;
    double[] tp = new double[a19];
    double[] fn = new double[a19];
    double[] fp = new double[a19];
    double[] zeros = new double[a19];
    double[] ones = new double[a19];
    Arrays.fill(ones, 1.0);
    if (pred.boxes().isEmpty() || gt.boxes().isEmpty()) {
      double[] counts = new double[a19];
      Arrays.fill(counts, pred.boxes().isEmpty() ? gt.boxes().size() : pred.boxes().size());
      return pred.boxes().isEmpty()
          ? new HotaCounts(tp, counts, fp, zeros, zeros.clone(), zeros.clone(), ones, false)
          : new HotaCounts(tp, fn, counts, zeros, zeros.clone(), zeros.clone(), ones, false);
    }
    Map<Integer, Integer> gtIndex = index(gt);
    Map<Integer, Integer> trIndex = index(pred);
    int numGt = gtIndex.size();
    int numTr = trIndex.size();
    SortedMap<Integer, List<MotBox>> gtFrames = gt.byFrame();
    SortedMap<Integer, List<MotBox>> trFrames = pred.byFrame();
    TreeSet<Integer> frames = new TreeSet<>(gtFrames.keySet());
    frames.addAll(trFrames.keySet());

    // 1. Global alignment between ids.
    double[][] potential = new double[numGt][numTr];
    double[] gtCount = new double[numGt];
    double[] trCount = new double[numTr];
    for (int frame : frames) {
      List<MotBox> g = gtFrames.getOrDefault(frame, List.of());
      List<MotBox> t = trFrames.getOrDefault(frame, List.of());
      double[][] sim = similarity(g, t);
      double[] rowSum = new double[g.size()];
      double[] colSum = new double[t.size()];
      for (int i = 0; i < g.size(); i++) {
        for (int j = 0; j < t.size(); j++) {
          rowSum[i] += sim[i][j];
        }
      }
      for (int j = 0; j < t.size(); j++) {
        for (int i = 0; i < g.size(); i++) {
          colSum[j] += sim[i][j];
        }
      }
      for (int i = 0; i < g.size(); i++) {
        for (int j = 0; j < t.size(); j++) {
          double denom = colSum[j] + rowSum[i] - sim[i][j];
          if (denom > EPS) {
            potential[gtIndex.get(g.get(i).id())][trIndex.get(t.get(j).id())] += sim[i][j] / denom;
          }
        }
      }
      for (MotBox b : g) {
        gtCount[gtIndex.get(b.id())] += 1;
      }
      for (MotBox b : t) {
        trCount[trIndex.get(b.id())] += 1;
      }
    }
    double[][] alignment = new double[numGt][numTr];
    for (int i = 0; i < numGt; i++) {
      for (int j = 0; j < numTr; j++) {
        alignment[i][j] = potential[i][j] / (gtCount[i] + trCount[j] - potential[i][j]);
      }
    }

    // 2. Per-frame matching, counted at every threshold.
    // Matches per (GT id, tracker id) pair and threshold; sparse, as most pairs never match.
    Map<Long, double[]> matches = new TreeMap<>();
    double[] locSum = new double[a19];
    for (int frame : frames) {
      List<MotBox> g = gtFrames.getOrDefault(frame, List.of());
      List<MotBox> t = trFrames.getOrDefault(frame, List.of());
      if (g.isEmpty()) {
        for (int a = 0; a < a19; a++) {
          fp[a] += t.size();
        }
        continue;
      }
      if (t.isEmpty()) {
        for (int a = 0; a < a19; a++) {
          fn[a] += g.size();
        }
        continue;
      }
      double[][] sim = similarity(g, t);
      CostMatrix negatedScore = CostMatrix.filled(g.size(), t.size(), 0);
      for (int i = 0; i < g.size(); i++) {
        for (int j = 0; j < t.size(); j++) {
          int gi = gtIndex.get(g.get(i).id());
          int tj = trIndex.get(t.get(j).id());
          negatedScore.set(i, j, -(alignment[gi][tj] * sim[i][j]));
        }
      }
      Assignment assignment = LinearAssignment.minimumCost(negatedScore);
      for (int a = 0; a < a19; a++) {
        double alpha = HotaCounts.alpha(a);
        int count = 0;
        double loc = 0;
        for (Match m : assignment.matches()) {
          double s = sim[m.row()][m.col()];
          if (s >= alpha - EPS) {
            count++;
            loc += s;
            long pair =
                (long) gtIndex.get(g.get(m.row()).id()) * numTr + trIndex.get(t.get(m.col()).id());
            matches.computeIfAbsent(pair, p -> new double[a19])[a] += 1;
          }
        }
        tp[a] += count;
        fn[a] += g.size() - count;
        fp[a] += t.size() - count;
        if (count > 0) {
          locSum[a] += loc;
        }
      }
    }

    // 3. Association and localisation scores per threshold.
    double[] assA = new double[a19];
    double[] assRe = new double[a19];
    double[] assPr = new double[a19];
    double[] locA = new double[a19];
    for (int a = 0; a < a19; a++) {
      double sumA = 0;
      double sumRe = 0;
      double sumPr = 0;
      for (var e : matches.entrySet()) {
        int i = (int) (e.getKey() / numTr);
        int j = (int) (e.getKey() % numTr);
        double m = e.getValue()[a];
        sumA += m * (m / Math.max(1, gtCount[i] + trCount[j] - m));
        sumRe += m * (m / Math.max(1, gtCount[i]));
        sumPr += m * (m / Math.max(1, trCount[j]));
      }
      double weight = Math.max(1, tp[a]);
      assA[a] = sumA / weight;
      assRe[a] = sumRe / weight;
      assPr[a] = sumPr / weight;
      locA[a] = Math.max(1e-10, locSum[a]) / Math.max(1e-10, tp[a]);
    }
    return new HotaCounts(tp, fn, fp, assA, assRe, assPr, locA, true);
  }

  private static double[][] similarity(List<MotBox> g, List<MotBox> t) {
    double[][] sim = new double[g.size()][t.size()];
    for (int i = 0; i < g.size(); i++) {
      for (int j = 0; j < t.size(); j++) {
        sim[i][j] = BoxIou.trackEval(g.get(i), t.get(j));
      }
    }
    return sim;
  }

  /** Maps each id to its rank among the sorted distinct ids, as TrackEval's relabelling does. */
  private static Map<Integer, Integer> index(MotSequence sequence) {
    TreeSet<Integer> ids = new TreeSet<>();
    for (MotBox b : sequence.boxes()) {
      ids.add(b.id());
    }
    Map<Integer, Integer> index = new HashMap<>();
    for (int id : ids) {
      index.put(id, index.size());
    }
    return index;
  }
}
