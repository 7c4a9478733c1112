package io.mambastream.heads.eval.mot;

import io.mambastream.heads.assign.Assignment;
import io.mambastream.heads.assign.CostMatrix;
import io.mambastream.heads.assign.LinearAssignment;
import io.mambastream.heads.assign.Match;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * CLEAR MOT counts of one sequence, reproducing py-motmetrics: {@code
 * utils.compare_to_groundtruth(gt, pred, 'iou', distth=0.5)} feeding {@code MOTAccumulator.update}
 * frame by frame, then {@code metrics.py}'s counts.
 *
 * <p>Per frame (every frame present in either file, ascending), with distances d = 1 − IoU and
 * pairs with d &gt; maxDistance forbidden:
 *
 * <ol>
 *   <li>Carry forward: an object matched in the previous update to hypothesis h is matched to h
 *       again (MATCH) when h is present and the pair is allowed.
 *   <li>The remaining objects and hypotheses are assigned: the most pairs possible, then the least
 *       total distance ({@link LinearAssignment#minimumCost}; motmetrics gets the same by giving
 *       forbidden pairs the cost 2·r·(max|d| + 1) + 1 in {@code lap.add_expensive_edges} and
 *       dropping them afterwards). A pair whose object was last matched to a different hypothesis
 *       is a SWITCH, else a MATCH.
 *   <li>Unassigned objects are MISSes, unassigned hypotheses FPs.
 * </ol>
 */
public final class ClearMotEvaluator {
  private final double maxDistance;
  // Accumulator state, as in MOTAccumulator.
  private final Map<Integer, Integer> lastHypothesis = new HashMap<>();
  private final Map<Integer, Integer> lastMatchFrame = new HashMap<>();
  private Integer lastUpdateFrame;
  // Per-object history for MT/PT/ML and fragmentations.
  private final Map<Integer, ObjectHistory> objects = new HashMap<>();
  private long frames;
  private long matches;
  private long switches;
  private long falsePositives;
  private long misses;
  private long predictions;
  private double distanceSum;

  private ClearMotEvaluator(double maxDistance) {
    this.maxDistance = maxDistance;
  }

  /**
   * Evaluates {@code pred} against {@code gt}, a pair matching iff 1 − IoU ≤ {@code maxDistance}.
   */
  public static ClearMotCounts evaluate(MotSequence gt, MotSequence pred, double maxDistance) {
    ClearMotEvaluator acc = new ClearMotEvaluator(maxDistance);
    var gtFrames = gt.byFrame();
    var predFrames = pred.byFrame();
    SortedSet<Integer> all = new TreeSet<>(gtFrames.keySet());
    all.addAll(predFrames.keySet());
    for (int frame : all) {
      acc.update(
          frame,
          gtFrames.getOrDefault(frame, List.of()),
          predFrames.getOrDefault(frame, List.of()));
    }
    IdentityCounts identity = IdentityMatching.evaluate(gt, pred, maxDistance);
    return acc.counts(identity);
  }

  private void update(int frame, List<MotBox> gt, List<MotBox> pred) {
    frames++;
    int n = gt.size();
    int k = pred.size();
    predictions += k;
    boolean[] gtDone = new boolean[n];
    boolean[] predDone = new boolean[k];
    if (n > 0 && k > 0) {
      double[][] dist = distances(gt, pred, maxDistance);
      // 1. Re-establish the pairs of the previous update.
      for (int i = 0; i < n; i++) {
        int o = gt.get(i).id();
        Integer previous = lastHypothesis.get(o);
        if (previous == null || !lastMatchFrame.get(o).equals(lastUpdateFrame)) {
          continue;
        }
        for (int j = 0; j < k; j++) {
          if (!predDone[j] && pred.get(j).id() == previous) {
            if (!Double.isNaN(dist[i][j])) {
              gtDone[i] = true;
              predDone[j] = true;
              record(frame, o, pred.get(j).id(), dist[i][j], false);
            }
            break;
          }
        }
      }
      // 2. Minimum-distance assignment of the rest (pairs already used are forbidden).
      CostMatrix cost = CostMatrix.filled(n, k, Double.NaN);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < k; j++) {
          if (!gtDone[i] && !predDone[j]) {
            cost.set(i, j, dist[i][j]);
          }
        }
      }
      Assignment assignment = LinearAssignment.minimumCost(cost);
      for (Match m : assignment.matches()) {
        double d = dist[m.row()][m.col()];
        int o = gt.get(m.row()).id();
        int h = pred.get(m.col()).id();
        Integer previous = lastHypothesis.get(o);
        gtDone[m.row()] = true;
        predDone[m.col()] = true;
        record(frame, o, h, d, previous != null && previous != h);
      }
    }
    // 3. and 4. Misses and false positives.
    for (int i = 0; i < n; i++) {
      ObjectHistory history = objects.computeIfAbsent(gt.get(i).id(), id -> new ObjectHistory());
      if (gtDone[i]) {
        history.tracked();
      } else {
        misses++;
        history.missed();
      }
    }
    for (int j = 0; j < k; j++) {
      if (!predDone[j]) {
        falsePositives++;
      }
    }
    lastUpdateFrame = frame;
  }

  private void record(int frame, int o, int h, double d, boolean isSwitch) {
    if (isSwitch) {
      switches++;
    } else {
      matches++;
    }
    distanceSum += d;
    lastHypothesis.put(o, h);
    lastMatchFrame.put(o, frame);
  }

  /** Returns d[i][j] = 1 − IoU of gt i and pred j, NaN where it exceeds {@code maxDistance}. */
  static double[][] distances(List<MotBox> gt, List<MotBox> pred, double maxDistance) {
    double[][] dist = new double[gt.size()][pred.size()];
    for (int i = 0; i < gt.size(); i++) {
      for (int j = 0; j < pred.size(); j++) {
        double d = 1 - BoxIou.motmetrics(gt.get(i), pred.get(j));
        dist[i][j] = d > maxDistance ? Double.NaN : d;
      }
    }
    return dist;
  }

  private ClearMotCounts counts(IdentityCounts identity) {
    long objectsSeen = 0;
    long mt = 0;
    long pt = 0;
    long ml = 0;
    long frag = 0;
    for (ObjectHistory h : objects.values()) {
      objectsSeen += h.present;
      double ratio = (double) h.matched / h.present;
      if (ratio >= 0.8) {
        mt++;
      } else if (ratio >= 0.2) {
        pt++;
      } else {
        ml++;
      }
      frag += h.fragmentations;
    }
    long detections = matches + switches;
    return new ClearMotCounts(
        frames,
        matches,
        switches,
        falsePositives,
        misses,
        objectsSeen,
        predictions,
        objects.size(),
        mt,
        pt,
        ml,
        frag,
        distanceSum / detections,
        objectsSeen - identity.idfn(),
        identity.idfp(),
        identity.idfn());
  }

  /** Frames an object appears in, frames it is matched in, and its closed runs of misses. */
  private static final class ObjectHistory {
    long present;
    long matched;
    long fragmentations;
    boolean everMatched;
    boolean inGap;

    void tracked() {
      present++;
      matched++;
      if (inGap) {
        fragmentations++;
        inGap = false;
      }
      everMatched = true;
    }

    void missed() {
      present++;
      if (everMatched) {
        inGap = true;
      }
    }
  }
}
