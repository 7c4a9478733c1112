package io.mambastream.heads.eval.coco;

import static io.mambastream.heads.eval.coco.OneImage.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mambastream.heads.eval.coco.OneImage.Box;
import org.junit.jupiter.api.Test;

/**
 * Cases small enough to work by hand. Notation: at each IoU threshold the detections, in score
 * order, are TP, FP or ignored; cumulative counts give recall rc = tp / npig and precision pr = tp
 * / (fp + tp + ε) with ε = 2⁻⁵²; pr is made non-increasing from the right and read at the 101
 * recall points 0, 0.01, ..., 1 at the first rank whose rc reaches the point (0 past the end).
 *
 * <p>Because of ε, one true positive alone has precision 1 / (1 + 2⁻⁵²) = 1 − 2⁻⁵², the double just
 * below 1; from two on, tp + ε rounds back to tp. Expected values below say which they use.
 */
class CocoEvaluatorTest {
  private static final double ONE_TP = 1 - 0x1p-52; // 1 / (1 + ε) rounded: 0.9999999999999998

  /** The object most cases use: area 100, small. */
  private static final Box A = box(0, 0, 10, 10);

  /** A box that overlaps none of the others. */
  private static final Box FAR = box(50, 50, 10, 10);

  /**
   * One image, ground truths A = [0,0,10,10] and B = [20,0,10,10] (area 100: small), detections d1
   * (0.9) = A exactly, d2 (0.8) = [20,0,10,5] (IoU with B = 50/100 = 0.5), d3 (0.7) far away.
   *
   * <ul>
   *   <li>t = 0.50: TP, TP, FP → rc 0.5, 1, 1; pr ≈1, 1, 2/3; monotone: 1, 1, 2/3. Every recall
   *       point finds rank 0 or 1, both 1 → AP@0.5 = 1 exactly.
   *   <li>t ≥ 0.55 (9 thresholds): d2's 0.5 is too low: TP, FP, FP → rc 0.5, 0.5, 0.5; pr 1−2⁻⁵²,
   *       1/2, 1/3. The 51 points 0..0.50 read rank 0; the 50 above 0.5 read nothing: 0. AP_t =
   *       51/101 · (1 − 2⁻⁵²).
   *   <li>AP = (1 + 9 · 51/101) / 10 = 560/1010; AR@100 = (1 + 9 · 0.5) / 10 = 0.55; with one
   *       detection per image (AR@1) only d1 counts: 0.5 at every threshold.
   *   <li>Both objects are small: APs = AP, ARs = AR@100; medium and large have no ground truth:
   *       -1.
   * </ul>
   */
  @Test
  void twoObjectsThreeDetections() {
    Box b = box(20, 0, 10, 10);
    Box halfOfB = box(20, 0, 10, 5);
    CocoEvaluation e =
        OneImage.scene().gt(A).gt(b).dt(0.9, A).dt(0.8, halfOfB).dt(0.7, FAR).evaluate();

    assertThat(e.stat(CocoStat.AP50)).isEqualTo(1.0);
    assertThat(e.stat(CocoStat.AP75)).isCloseTo(51.0 / 101 * ONE_TP, within(1e-15));
    assertThat(e.stat(CocoStat.AP)).isCloseTo(560.0 / 1010, within(1e-15));
    assertThat(e.stat(CocoStat.APs)).isEqualTo(e.stat(CocoStat.AP));
    assertThat(e.stat(CocoStat.APm)).isEqualTo(-1);
    assertThat(e.stat(CocoStat.APl)).isEqualTo(-1);
    assertThat(e.stat(CocoStat.AR1)).isEqualTo(0.5);
    assertThat(e.stat(CocoStat.AR10)).isCloseTo(0.55, within(1e-15));
    assertThat(e.stat(CocoStat.AR100)).isCloseTo(0.55, within(1e-15));
    assertThat(e.stat(CocoStat.ARm)).isEqualTo(-1);
  }

  /**
   * A single perfect detection: pr = 1/(1+ε) = 1 − 2⁻⁵² at every point, so AP is that value, not 1
   * — as pycocotools prints 0.9999999999999998.
   */
  @Test
  void onePerfectDetectionScoresOneMinusEpsilon() {
    CocoEvaluation e = OneImage.scene().gt(A).dt(1, A).evaluate();

    assertThat(e.stat(CocoStat.AP)).isEqualTo(ONE_TP);
    assertThat(e.stat(CocoStat.AR100)).isEqualTo(1.0);
  }

  /**
   * A crowd region [20,0,40,40] absorbs every detection inside it: the crowd IoU is intersection
   * over the detection's own area, here 100/100 = 1, and a crowd stays available after a match.
   * Matched to an ignored ground truth, d1 and d2 are ignored; d3 matches A. So at every threshold:
   * ignored, ignored, TP → precision 1 − 2⁻⁵² (the ignored ranks repeat rc = 0, pr = 0 before it,
   * which the right-to-left maximum overwrites) and AP = 1 − 2⁻⁵². Were the region not a crowd, d1
   * and d2 would have IoU 100/1600 with it and be false positives ranked first.
   */
  @Test
  void crowdRegionAbsorbsSeveralDetections() {
    Box region = box(20, 0, 40, 40);
    Box d1 = box(25, 5, 10, 10);
    Box d2 = box(40, 20, 10, 10);
    OneImage crowd = OneImage.scene().gt(A).crowd(region).dt(0.9, d1).dt(0.8, d2).dt(0.7, A);

    assertThat(crowd.evaluate().stat(CocoStat.AP)).isEqualTo(ONE_TP);

    CocoEvaluation notCrowd =
        OneImage.scene().gt(A).gt(region).dt(0.9, d1).dt(0.8, d2).dt(0.7, A).evaluate();
    // FP, FP, TP of 2 objects: rc 0, 0, 0.5; pr 0, 0, 1/3 → points up to 0.5 read 1/3.
    assertThat(notCrowd.stat(CocoStat.AP50)).isCloseTo(51.0 / 101 / 3, within(1e-15));
  }

  /**
   * Area bounds are inclusive on both sides (pycocotools compares {@code area < lo or area > hi}):
   * an object of area exactly 32² = 1024 is small and medium at once.
   */
  @Test
  void areaOnTheBoundIsInBothRanges() {
    Box square32 = box(0, 0, 32, 32);
    CocoEvaluation e = OneImage.scene().gt(square32).dt(0.5, square32).evaluate();

    assertThat(e.stat(CocoStat.APs)).isEqualTo(ONE_TP);
    assertThat(e.stat(CocoStat.APm)).isEqualTo(ONE_TP);
    assertThat(e.stat(CocoStat.APl)).isEqualTo(-1);
  }

  /**
   * The size range of a ground truth comes from its {@code area} field, not its box: a 10×10 box
   * declared with area 5000 is medium. Its detection (area 100, small) matches it in the medium
   * range; in the small range the ground truth is ignored, so is the matched detection, and there
   * is no small object: -1.
   */
  @Test
  void areaFieldNotBoxDecidesTheRange() {
    CocoEvaluation e = OneImage.scene().gtWithArea(5000, A).dt(0.5, A).evaluate();

    assertThat(e.stat(CocoStat.APm)).isEqualTo(ONE_TP);
    assertThat(e.stat(CocoStat.APs)).isEqualTo(-1);
  }

  /**
   * Detection limits: two objects, two perfect detections (0.9 and 0.8) on one image. With one
   * detection per image only the 0.9 one counts: recall 1/2 → AR@1 = 0.5; AR@10 = 1.
   */
  @Test
  void maxDetsCutsPerImage() {
    CocoEvaluation e = OneImage.scene().gt(A).gt(FAR).dt(0.9, A).dt(0.8, FAR).evaluate();

    assertThat(e.stat(CocoStat.AR1)).isEqualTo(0.5);
    assertThat(e.stat(CocoStat.AR10)).isEqualTo(1.0);
  }

  /**
   * pycocotools records a match as the ground truth's id and tests it for non-zero, so a match to
   * the annotation with id 0 counts as a false positive and the object is never recalled: AP 0 and
   * AR 0 for this single object.
   */
  @Test
  void matchToAnnotationIdZeroCountsAsFalsePositive() {
    CocoEvaluation e = OneImage.scene().gt(0, A).dt(0.5, A).evaluate();

    assertThat(e.stat(CocoStat.AP)).isEqualTo(0.0);
    assertThat(e.stat(CocoStat.AR100)).isEqualTo(0.0);
  }

  /**
   * Equal IoUs go to the later ground truth (pycocotools replaces the best match when IoU ≥ the
   * best so far). Shown with the id-0 quirk: two identical objects, one of id 0, one detection on
   * both (IoU 1 each). When the id-0 object comes second the detection takes it and counts as a
   * false positive: AP = AR = 0. When it comes first the detection takes the other: one of two
   * objects found, precision 1 − 2⁻⁵² up to recall 0.5 (51 of 101 points): AP = 51/101 · (1 −
   * 2⁻⁵²), AR = 0.5.
   */
  @Test
  void equalIousGoToTheLaterGroundTruth() {
    CocoEvaluation idZeroSecond = OneImage.scene().gt(5, A).gt(0, A).dt(0.5, A).evaluate();
    CocoEvaluation idZeroFirst = OneImage.scene().gt(0, A).gt(5, A).dt(0.5, A).evaluate();

    assertThat(idZeroSecond.stat(CocoStat.AP)).isEqualTo(0.0);
    assertThat(idZeroSecond.stat(CocoStat.AR100)).isEqualTo(0.0);
    assertThat(idZeroFirst.stat(CocoStat.AP)).isCloseTo(51.0 / 101 * ONE_TP, within(1e-15));
    assertThat(idZeroFirst.stat(CocoStat.AR100)).isEqualTo(0.5);
  }

  /**
   * A category with detections but no ground truth is left out of every mean (its precision is -1),
   * so its false positives cost nothing; the other category's perfect result stands.
   */
  @Test
  void categoryWithoutGroundTruthIsLeftOut() {
    Box b = box(50, 0, 10, 10);
    CocoEvaluation e =
        OneImage.scene().category(2).gt(A).gt(b).dt(0.9, A).dt(0.8, b).dtIn(2, 0.95, A).evaluate();

    // Category 1: TP, TP → pr 1 − 2⁻⁵² then 1; the monotone pass lifts rank 0 to 1: AP = 1.
    assertThat(e.stat(CocoStat.AP)).isEqualTo(1.0);
    assertThat(e.perCategory()[1][CocoStat.AP.ordinal()]).isEqualTo(-1);
  }

  /**
   * Tied scores keep file order (a stable sort): with ground truth A only, detections tied at 0.5 —
   * first a false positive, then A — rank FP, TP: pr 0, 1/2 → AP@0.5 = 1/2 at every point up to
   * recall 1. Swapping their order in the file gives TP first: AP@0.5 = 1 − 2⁻⁵² (the mean of 101
   * such values rounds to the next double up, 0.9999999999999999, in pycocotools too).
   */
  @Test
  void tiesKeepFileOrder() {
    OneImage fpFirst = OneImage.scene().gt(A).dt(0.5, FAR).dt(0.5, A);
    OneImage tpFirst = OneImage.scene().gt(A).dt(0.5, A).dt(0.5, FAR);

    assertThat(fpFirst.evaluate().stat(CocoStat.AP50)).isEqualTo(0.5);
    assertThat(tpFirst.evaluate().stat(CocoStat.AP50)).isCloseTo(ONE_TP, within(1e-16));
  }
}
