package io.mambastream.ingest.mask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Mask IoUs worked by hand on 2×2 and 3×1 masks (counts run down columns, zeros first). */
class MaskIouTest {
  // 2×2, column-major pixels (r0c0, r1c0, r0c1, r1c1).
  private static final Rle LEFT_COLUMN = new Rle(2, 2, new int[] {0, 2, 2}); // 1 1 0 0
  private static final Rle TOP_ROW = new Rle(2, 2, new int[] {0, 1, 1, 1, 1}); // 1 0 1 0
  private static final Rle TOP_LEFT = new Rle(2, 2, new int[] {0, 1, 3}); // 1 0 0 0

  /** Left column ∩ top row = top-left pixel (1); union = 3 pixels: 1/3. */
  @Test
  void intersectionOverUnion() {
    assertThat(MaskIou.iou(LEFT_COLUMN, TOP_ROW, false)).isEqualTo(1.0 / 3);
  }

  /** With a crowd ground truth the union is the detection's area: top-left inside the column: 1. */
  @Test
  void crowdDividesByTheDetectionArea() {
    assertThat(MaskIou.iou(TOP_LEFT, LEFT_COLUMN, true)).isEqualTo(1.0);
    assertThat(MaskIou.iou(TOP_LEFT, LEFT_COLUMN, false)).isEqualTo(0.5);
  }

  /** Disjoint masks score 0, and so do empty ones (pycocotools sets the union to 1 then). */
  @Test
  void noOverlapScoresZero() {
    Rle bottomRight = new Rle(2, 2, new int[] {3, 1});
    Rle empty = new Rle(2, 2, new int[] {4});
    assertThat(MaskIou.iou(TOP_LEFT, bottomRight, false)).isEqualTo(0.0);
    assertThat(MaskIou.iou(empty, empty, true)).isEqualTo(0.0);
  }

  /** Masks of different sizes never match. */
  @Test
  void differentSizesScoreMinusOne() {
    assertThat(MaskIou.iou(TOP_LEFT, new Rle(3, 1, new int[] {0, 3}), false)).isEqualTo(-1.0);
  }

  /** The matrix is D×G with the crowd flag taken per ground truth. */
  @Test
  void matrixIsDetectionsByGroundTruths() {
    double[][] ious =
        MaskIou.matrix(
            new Rle[] {TOP_LEFT},
            new Rle[] {LEFT_COLUMN, LEFT_COLUMN},
            new boolean[] {false, true});
    assertThat(ious).isDeepEqualTo(new double[][] {{0.5, 1.0}});
  }
}
