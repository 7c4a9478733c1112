package io.mambastream.heads.eval.mot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Small cases worked out by hand (and confirmed with py-motmetrics and TrackEval). Boxes: A = (1,
 * 1, 10, 10), B = (101, 1, 10, 10) far from A; A6 = (1, 1, 10, 6) overlaps A with IoU 60/100.
 */
class HandWorkedTest {
  private static final double[] A = {1, 1, 10, 10};
  private static final double[] B = {101, 1, 10, 10};
  private static final double[] A6 = {1, 1, 10, 6};

  @Test
  void twoTracksExchangeIdentities() {
    // GT: object 1 at A and object 2 at B in frames 1-3. Predictions follow them with ids 1 and 2
    // in frames 1-2, then swap ids in frame 3. Frame 3: object 1's last partner (1) now sits on B,
    // out of reach, so the assignment pairs 1-2 and 2-1, both SWITCHes.
    // CLEAR: 6 GT boxes, 4 matches, 2 switches, no FP/FN: MOTA = 1 - 2/6, MOTP = 0 (exact boxes).
    // IDs: oc = hc = 3 per id, tp(1,1) = tp(2,2) = 2, tp(1,2) = tp(2,1) = 1; the best trajectory
    // matching is 1-1, 2-2: IDTP = 4, IDFP = IDFN = 2, IDF1 = 8/12.
    // HOTA: every pair has IoU 1, so DetA = 1 at all α. Alignment: A(1,1) = 2/(3+3-2) = 0.5,
    // A(1,2) = 1/(3+3-1) = 0.2, so frame 3 still matches by geometry (1-2 and 2-1). Matches per
    // pair m = 2, 1, 1, 2: AssA = (2·2/4 + 1·1/5 + 1·1/5 + 2·2/4) / 6 = 0.4, HOTA = √0.4;
    // AssRe = AssPr = (4/3 + 1/3 + 1/3 + 4/3) / 6 = 5/9.
    List<MotBox> gt = new ArrayList<>();
    List<MotBox> pred = new ArrayList<>();
    for (int f = 1; f <= 3; f++) {
      gt.add(box(f, 1, A));
      gt.add(box(f, 2, B));
      pred.add(box(f, f < 3 ? 1 : 2, A));
      pred.add(box(f, f < 3 ? 2 : 1, B));
    }
    Map<String, Number> m = evaluate(gt, pred);
    assertThat(m.get("num_switches")).isEqualTo(2L);
    assertThat(m.get("num_matches")).isEqualTo(4L);
    assertThat(m.get("mota").doubleValue()).isCloseTo(1 - 2.0 / 6, within(1e-15));
    assertThat(m.get("motp").doubleValue()).isEqualTo(0.0);
    assertThat(m.get("mostly_tracked")).isEqualTo(2L);
    assertThat(m.get("idtp").doubleValue()).isEqualTo(4.0);
    assertThat(m.get("idf1").doubleValue()).isCloseTo(8.0 / 12, within(1e-15));
    assertThat(m.get("DetA").doubleValue()).isCloseTo(1.0, within(1e-15));
    assertThat(m.get("AssA").doubleValue()).isCloseTo(0.4, within(1e-15));
    assertThat(m.get("HOTA").doubleValue()).isCloseTo(Math.sqrt(0.4), within(1e-15));
    assertThat(m.get("AssRe").doubleValue()).isCloseTo(5.0 / 9, within(1e-15));
    assertThat(m.get("LocA").doubleValue()).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void theLastPartnerIsKeptOverACloserHypothesis() {
    // Frame 1: object 1 at A matched by hypothesis 1. Frame 2: hypothesis 1 at A6 (distance 0.4)
    // and hypothesis 2 exactly at A (distance 0). Step 1 keeps 1-1 (MATCH), hypothesis 2 is a FP.
    // MOTA = 1 - 1/2, MOTP = (0 + 0.4)/2, no switch; IDs: 1-1 for 2 frames, IDF1 = 2·2/(2+3).
    // HOTA: normalised co-occurrence 1 (frame 1) + 0.6/1.6 (frame 2) for (1,1), 1/1.6 for (1,2):
    // alignment 1.375/2.625 > 0.625/2.375 and 0.524·0.6 > 0.263·1, so frame 2 matches 1-1 at IoU
    // 0.6. For the 12 thresholds α ≤ 0.60 (0.6 ≥ α − ε even though 0.05 + 11·0.05 rounds just
    // above 0.6) TP = 2, FP = 1; for the other 7, TP = 1, FN = 1, FP = 2.
    // DetA = (12·2/3 + 7·1/4)/19; AssA = (12·1 + 7·1/3)/19.
    List<MotBox> gt = List.of(box(1, 1, A), box(2, 1, A));
    List<MotBox> pred = List.of(box(1, 1, A), box(2, 1, A6), box(2, 2, A));
    Map<String, Number> m = evaluate(gt, pred);
    assertThat(m.get("num_switches")).isEqualTo(0L);
    assertThat(m.get("num_false_positives")).isEqualTo(1L);
    assertThat(m.get("mota").doubleValue()).isCloseTo(0.5, within(1e-15));
    assertThat(m.get("motp").doubleValue()).isCloseTo(0.2, within(1e-15));
    assertThat(m.get("idf1").doubleValue()).isCloseTo(0.8, within(1e-15));
    assertThat(m.get("DetA").doubleValue())
        .isCloseTo((12 * 2.0 / 3 + 7 * 0.25) / 19, within(1e-15));
    assertThat(m.get("AssA").doubleValue()).isCloseTo((12 + 7.0 / 3) / 19, within(1e-15));
    assertThat(m.get("HOTA").doubleValue())
        .isCloseTo((12 * Math.sqrt(2.0 / 3) + 7 * Math.sqrt(1.0 / 12)) / 19, within(1e-15));
  }

  @Test
  void onlyTheMatchOfThePreviousUpdateIsCarriedForward() {
    // Object 1 at A in frames 1-3. Frame 1: hypothesis 1 at A. Frame 2: only a far hypothesis 9
    // (object missed, FP). Frame 3: hypothesis 1 at A6 and hypothesis 2 at A. Object 1 was not
    // matched in the previous update (frame 2), so nothing is carried forward; the assignment
    // takes the closer hypothesis 2, a SWITCH from 1. FP = 2 (9, then 1), FN = 1:
    // MOTA = 1 - (1 + 1 + 2)/3. One fragmentation (tracked, missed, tracked).
    List<MotBox> gt = List.of(box(1, 1, A), box(2, 1, A), box(3, 1, A));
    List<MotBox> pred =
        List.of(
            box(1, 1, A), box(2, 9, new double[] {50, 50, 10, 10}), box(3, 1, A6), box(3, 2, A));
    Map<String, Number> m = evaluate(gt, pred);
    assertThat(m.get("num_switches")).isEqualTo(1L);
    assertThat(m.get("num_false_positives")).isEqualTo(2L);
    assertThat(m.get("num_misses")).isEqualTo(1L);
    assertThat(m.get("num_fragmentations")).isEqualTo(1L);
    assertThat(m.get("mota").doubleValue()).isCloseTo(-1.0 / 3, within(1e-15));
  }

  @Test
  void theAssignmentMaximisesMatchesBeforeMinimisingDistance() {
    // One frame, five 100x50 GT boxes at x = 33, 65, ..., 161 and five predictions shifted one
    // step left (x = 1, 33, ..., 129). GT i overlaps prediction i by IoU 68/132 (distance 0.485),
    // prediction i + 1 exactly (distance 0) and prediction i + 2 by IoU 68/132; GT 5 reaches only
    // prediction 5. Distances alone would prefer GT i with prediction i + 1 (i = 1..4) and leave
    // GT 5 unmatched; motmetrics gives forbidden pairs a cost above any gain (lap's
    // add_expensive_edges), so the most matches win: all five on the diagonal, MOTP = 64/132.
    List<MotBox> gt = new ArrayList<>();
    List<MotBox> pred = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      gt.add(box(1, i, new double[] {1 + 32 * i, 1, 100, 50}));
      pred.add(box(1, i, new double[] {1 + 32 * (i - 1), 1, 100, 50}));
    }
    Map<String, Number> m = evaluate(gt, pred);
    assertThat(m.get("num_matches")).isEqualTo(5L);
    assertThat(m.get("mota").doubleValue()).isEqualTo(1.0);
    assertThat(m.get("motp").doubleValue()).isCloseTo(64.0 / 132, within(1e-15));
  }

  @Test
  void missesBetweenMatchesAreFragmentations() {
    // Object 1 at A in frames 1-5, predicted only in frames 1, 3, 5: two runs of misses enclosed
    // by matches = 2 fragmentations; tracked 3/5 = 60% of its life: partially tracked.
    // MOTA = 1 - 2/5; IDF1 = 2·3/(5+3). HOTA at every α: TP 3, FN 2: DetA 3/5; AssA =
    // 3·3/(5+3-3)/3 = 3/5; AssPr = 3·3/3/3 = 1; HOTA = √(0.6·0.6) = 0.6.
    List<MotBox> gt = new ArrayList<>();
    List<MotBox> pred = new ArrayList<>();
    for (int f = 1; f <= 5; f++) {
      gt.add(box(f, 1, A));
      if (f % 2 == 1) {
        pred.add(box(f, 1, A));
      }
    }
    Map<String, Number> m = evaluate(gt, pred);
    assertThat(m.get("num_fragmentations")).isEqualTo(2L);
    assertThat(m.get("partially_tracked")).isEqualTo(1L);
    assertThat(m.get("mota").doubleValue()).isCloseTo(0.6, within(1e-15));
    assertThat(m.get("idf1").doubleValue()).isCloseTo(0.75, within(1e-15));
    assertThat(m.get("HOTA").doubleValue()).isCloseTo(0.6, within(1e-15));
    assertThat(m.get("AssPr").doubleValue()).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void emptyPredictionsFollowTheReferenceEarlyReturns() {
    // No prediction: every GT box is a miss (MOTA 0), MOTP 0/0 = NaN; TrackEval returns early
    // with HOTA 0 and LocA 1. OVERALL with a sequence that has matches: motmetrics' MOTP merge
    // multiplies NaN by 0 detections, so OVERALL MOTP is NaN too (a reproduced quirk).
    MotEvaluation empty =
        MotEvaluation.evaluate(seq(List.of(box(1, 1, A), box(2, 1, A))), seq(List.of()));
    Map<String, Number> m = empty.metrics();
    assertThat(m.get("mota").doubleValue()).isEqualTo(0.0);
    assertThat(m.get("motp").doubleValue()).isNaN();
    assertThat(m.get("HOTA").doubleValue()).isEqualTo(0.0);
    assertThat(m.get("LocA").doubleValue()).isEqualTo(1.0);
    MotEvaluation good =
        MotEvaluation.evaluate(seq(List.of(box(1, 1, A))), seq(List.of(box(1, 7, A))));
    Map<String, Number> overall = MotEvaluation.overall(List.of(empty, good)).metrics();
    assertThat(overall.get("motp").doubleValue()).isNaN();
    assertThat(overall.get("mota").doubleValue()).isCloseTo(1 - 2.0 / 3, within(1e-15));
    // HOTA combined: TP 1, FN 2 at every α; AssA weighted by TP = 1; DetA = 1/3.
    assertThat(overall.get("HOTA").doubleValue()).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
  }

  private static Map<String, Number> evaluate(List<MotBox> gt, List<MotBox> pred) {
    return MotEvaluation.evaluate(seq(gt), seq(pred)).metrics();
  }

  private static MotSequence seq(List<MotBox> boxes) {
    return new MotSequence("S", boxes);
  }

  private static MotBox box(int frame, int id, double[] xywh) {
    return new MotBox(frame, id, xywh[0], xywh[1], xywh[2], xywh[3], 1);
  }
}
