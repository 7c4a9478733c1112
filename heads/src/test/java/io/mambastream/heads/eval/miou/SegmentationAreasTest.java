package io.mambastream.heads.eval.miou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** mmsegmentation's IoU metric on cases small enough to count by hand. */
class SegmentationAreasTest {

  @Test
  void twoImagesOfTwoByTwoPixels() {
    // 3 classes, ignore 255. Pixels row-major.
    // Image 1: gt (0 0 / 1 255), pred (0 1 / 1 2). The ignored pixel drops, leaving gt 0 0 1,
    //   pred 0 1 1: intersect [1 1 0], pred area [1 2 0], label area [2 1 0].
    // Image 2: gt (2 2 / 1 0), pred (2 0 / 1 0): intersect [1 1 1], pred [2 1 1], label [1 1 2].
    // Totals: I [2 2 1], pred [3 3 1], label [3 2 2], union = pred + label - I = [4 3 2].
    SegmentationAreas areas = new SegmentationAreas(3, 255);
    areas.add(new int[] {0, 1, 1, 2}, new int[] {0, 0, 1, 255});
    areas.add(new int[] {2, 0, 1, 0}, new int[] {2, 2, 1, 0});
    assertThat(areas.intersect()).containsExactly(2, 2, 1);
    assertThat(areas.union()).containsExactly(4, 3, 2);
    assertThat(areas.labelArea()).containsExactly(3, 2, 2);
    MiouResult r = areas.metrics();
    assertThat(r.images()).isEqualTo(2);
    // IoU = [2/4, 2/3, 1/2]; Acc = I / label = [2/3, 1, 1/2]; aAcc = 5 / 7.
    assertThat(r.iou()).containsExactly(new double[] {0.5, 2.0 / 3, 0.5}, within(1e-15));
    assertThat(r.meanIou()).isCloseTo((0.5 + 2.0 / 3 + 0.5) / 3, within(1e-15));
    assertThat(r.acc()).containsExactly(new double[] {2.0 / 3, 1, 0.5}, within(1e-15));
    assertThat(r.meanAcc()).isCloseTo((2.0 / 3 + 1 + 0.5) / 3, within(1e-15));
    assertThat(r.allAcc()).isCloseTo(5.0 / 7, within(1e-15));
    // Averaging per image instead would give image 1 mIoU (1/2 + 1/2 + 0/1) / 3 -- the
    // dataset-level sum is what mmseg reports.
  }

  @Test
  void classesWithZeroUnionAreNanAndLeftOutOfTheMean() {
    // 4 classes; class 3 appears nowhere -> IoU 0/0 = NaN. Class 2 is only predicted -> IoU 0,
    // Acc 0/0 = NaN. gt 0 0 1 1, pred 0 2 1 1: I [1 2 0 0], pred [1 2 1 0], label [2 2 0 0].
    SegmentationAreas areas = new SegmentationAreas(4, 255);
    areas.add(new int[] {0, 2, 1, 1}, new int[] {0, 0, 1, 1});
    MiouResult r = areas.metrics();
    assertThat(r.iou()[3]).isNaN();
    assertThat(r.iou()[2]).isZero();
    assertThat(r.acc()[2]).isNaN();
    // mIoU = nanmean(1/2, 2/2, 0) = 1/2; mAcc = nanmean(1/2, 1) = 3/4.
    assertThat(r.meanIou()).isCloseTo(0.5, within(1e-15));
    assertThat(r.meanAcc()).isCloseTo(0.75, within(1e-15));
  }

  @Test
  void labelsOutsideTheClassRangeFallOutOfTheHistogramsAsInMmseg() {
    // 3 classes, ignore 255. torch.histc(bins=3, min=0, max=2) drops values outside [0, 2].
    // Pixel 0: gt 7 (out of range, not ignored), pred 1 -> pred area[1] += 1 only.
    // Pixel 1: gt 0, pred 9 (out of range) -> label area[0] += 1 only.
    // Pixel 2: gt 1, pred 1 -> I[1], pred[1], label[1] += 1.
    SegmentationAreas areas = new SegmentationAreas(3, 255);
    areas.add(new int[] {1, 9, 1}, new int[] {7, 0, 1});
    assertThat(areas.predArea()).containsExactly(0, 2, 0);
    assertThat(areas.labelArea()).containsExactly(1, 1, 0);
    assertThat(areas.intersect()).containsExactly(0, 1, 0);
    MiouResult r = areas.metrics();
    // IoU[0] = 0 / 1, IoU[1] = 1 / 2, IoU[2] NaN; aAcc = 1 / 2 (the gt-7 pixel is not counted).
    assertThat(r.iou()[0]).isZero();
    assertThat(r.iou()[1]).isEqualTo(0.5);
    assertThat(r.iou()[2]).isNaN();
    assertThat(r.allAcc()).isEqualTo(0.5);
  }

  @Test
  void aPredictionOfTheIgnoreValueCountsAsAMiss() {
    // Only ground truth decides what is ignored: pred 255 at a gt-0 pixel is out of range.
    SegmentationAreas areas = new SegmentationAreas(2, 255);
    areas.add(new int[] {255, 1}, new int[] {0, 1});
    assertThat(areas.labelArea()).containsExactly(1, 1);
    assertThat(areas.predArea()).containsExactly(0, 1);
    assertThat(areas.metrics().allAcc()).isEqualTo(0.5);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> new SegmentationAreas(1, 255))
        .hasMessageContaining("at least 2 classes");
    assertThatThrownBy(() -> new SegmentationAreas(2, 255).add(new int[3], new int[4]))
        .hasMessageContaining("prediction has 3 pixels, ground truth 4");
  }
}
