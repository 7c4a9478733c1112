package io.mambastream.heads.eval.miou;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of the dataset-level IoU on random label maps (values include ignore and strays). */
class SegmentationAreasProperties {

  private static int[][] randomImages(Random random, int count, int pixels, int classes) {
    int[][] images = new int[count][pixels];
    for (int[] image : images) {
      for (int i = 0; i < pixels; i++) {
        int roll = random.nextInt(20);
        image[i] = roll == 0 ? 255 : roll == 1 ? classes + 3 : random.nextInt(classes);
      }
    }
    return images;
  }

  @Property(tries = 100, seed = "20261127")
  void perfectPredictionScoresOneHundred(
      @ForAll @IntRange(min = 2, max = 6) int classes,
      @ForAll @IntRange(min = 1, max = 4) int count,
      @ForAll long seed) {
    int[][] gt = randomImages(new Random(seed), count, 30, classes);
    SegmentationAreas areas = new SegmentationAreas(classes, 255);
    for (int[] image : gt) {
      areas.add(image, image);
    }
    MiouResult r = areas.metrics();
    if (!Double.isNaN(r.allAcc())) {
      assertThat(r.allAcc()).isEqualTo(1.0);
      assertThat(r.meanIou()).isEqualTo(1.0);
      assertThat(r.meanAcc()).isEqualTo(1.0);
    }
    for (double iou : r.iou()) {
      assertThat(Double.isNaN(iou) || iou == 1.0).isTrue();
    }
  }

  @Property(tries = 100, seed = "20261127")
  void imageOrderDoesNotMatter(
      @ForAll @IntRange(min = 2, max = 6) int classes,
      @ForAll @IntRange(min = 2, max = 5) int count,
      @ForAll long seed) {
    Random random = new Random(seed);
    int[][] gt = randomImages(random, count, 25, classes);
    int[][] pred = randomImages(random, count, 25, classes);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    SegmentationAreas inOrder = new SegmentationAreas(classes, 255);
    SegmentationAreas shuffled = new SegmentationAreas(classes, 255);
    for (int i = 0; i < count; i++) {
      inOrder.add(pred[i], gt[i]);
      shuffled.add(pred[order.get(i)], gt[order.get(i)]);
    }
    MiouResult a = inOrder.metrics();
    MiouResult b = shuffled.metrics();
    assertThat(b.iou()).containsExactly(a.iou());
    assertThat(b.acc()).containsExactly(a.acc());
    assertThat(b.allAcc()).isEqualTo(a.allAcc());
  }

  @Property(tries = 100, seed = "20261127")
  void splittingAnImageChangesNothing(
      @ForAll @IntRange(min = 2, max = 6) int classes,
      @ForAll @IntRange(min = 1, max = 39) int cut,
      @ForAll long seed) {
    // Areas are summed over pixels, so one image or its two halves give the same metrics.
    Random random = new Random(seed);
    int[] gt = randomImages(random, 1, 40, classes)[0];
    int[] pred = randomImages(random, 1, 40, classes)[0];
    SegmentationAreas whole = new SegmentationAreas(classes, 255);
    whole.add(pred, gt);
    SegmentationAreas halves = new SegmentationAreas(classes, 255);
    halves.add(java.util.Arrays.copyOf(pred, cut), java.util.Arrays.copyOf(gt, cut));
    halves.add(
        java.util.Arrays.copyOfRange(pred, cut, 40), java.util.Arrays.copyOfRange(gt, cut, 40));
    assertThat(halves.union()).containsExactly(whole.union());
    assertThat(halves.intersect()).containsExactly(whole.intersect());
    assertThat(halves.metrics().meanIou()).isEqualTo(whole.metrics().meanIou());
  }
}
