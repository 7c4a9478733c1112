package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Pixel-level properties of Mixup and CutMix, checked against the originals of each pair. */
class BatchMixerProperties {

  @Property(tries = 100, seed = "20261127")
  void mixupBlendsEveryItemWithItsMirrorItem(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 9) int batchSize,
      @ForAll @IntRange(min = 1, max = 12) int side) {
    BatchMixer mixer = BatchMixer.builder().optMixupAlpha(1.0).build();
    SplittableRandom data = new SplittableRandom(seed);
    int imageSize = side * side;
    float[] pixels = new float[batchSize * imageSize];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) (data.nextDouble() * 4 - 1);
    }
    int[] labels = data.ints(batchSize, 0, 10).toArray();
    float[] original = pixels.clone();

    MixedBatch mixed = mixer.mix(pixels, batchSize, side, labels, new SplittableRandom(~seed));

    double lambda = mixed.lambda();
    assertThat(lambda).isBetween(0.0, 1.0);
    for (int b = 0; b < batchSize; b++) {
      int partner = batchSize - 1 - b; // timm's batch flip: first with last, and so on
      assertThat(mixed.labels()[b]).isEqualTo(labels[b]);
      assertThat(mixed.partnerLabels()[b]).isEqualTo(labels[partner]);
      for (int p = 0; p < imageSize; p++) {
        double a = original[b * imageSize + p];
        double c = original[partner * imageSize + p];
        assertThat((double) pixels[b * imageSize + p])
            .as("item %d pixel %d", b, p)
            .isCloseTo(lambda * a + (1 - lambda) * c, within(1e-6));
      }
    }
  }

  @Property(tries = 200, seed = "20261127")
  void cutmixReplacesOneRectangleByThePartnersAndLambdaIsTheShareLeft(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5) int halfBatch,
      @ForAll @IntRange(min = 1, max = 20) int side) {
    BatchMixer mixer = BatchMixer.builder().optCutmixAlpha(1.0).build();
    int batchSize = 2 * halfBatch; // even: no item is its own partner
    int imageSize = side * side;
    // Every pixel of the batch holds a distinct value, so a pixel that came from the partner is
    // recognisable and every pair differs everywhere.
    float[] pixels = new float[batchSize * imageSize];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i;
    }
    int[] labels = new int[batchSize];
    for (int b = 0; b < batchSize; b++) {
      labels[b] = b % 10;
    }
    float[] original = pixels.clone();

    MixedBatch mixed = mixer.mix(pixels, batchSize, side, labels, new SplittableRandom(seed));

    int[] box = null; // top, bottom, left, right (exclusive) of item 0's changed pixels
    for (int b = 0; b < batchSize; b++) {
      int[] changed = changedBox(pixels, original, b, side);
      if (b == 0) {
        box = changed;
      }
      assertThat(changed).as("one box for the whole batch").isEqualTo(box);
    }
    if (box == null) {
      assertThat(mixed.lambda()).as("nothing pasted").isEqualTo(1.0);
      return;
    }
    for (int b = 0; b < batchSize; b++) {
      int partner = batchSize - 1 - b;
      for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
          boolean inside = r >= box[0] && r < box[1] && c >= box[2] && c < box[3];
          int source = (inside ? partner : b) * imageSize + r * side + c;
          assertThat(pixels[b * imageSize + r * side + c])
              .as("item %d at (%d, %d), inside box: %s", b, r, c, inside)
              .isEqualTo(original[source]);
        }
      }
      assertThat(mixed.partnerLabels()[b]).isEqualTo(labels[partner]);
    }
    double area = (double) (box[1] - box[0]) * (box[3] - box[2]);
    assertThat(1 - mixed.lambda()).isCloseTo(area / imageSize, within(1e-12));
  }

  /** Returns the bounding box of the changed pixels of item {@code b}, or null if none changed. */
  private static int[] changedBox(float[] pixels, float[] original, int b, int side) {
    int top = side;
    int bottom = 0;
    int left = side;
    int right = 0;
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        int i = b * side * side + r * side + c;
        if (pixels[i] != original[i]) {
          top = Math.min(top, r);
          bottom = Math.max(bottom, r + 1);
          left = Math.min(left, c);
          right = Math.max(right, c + 1);
        }
      }
    }
    return top < bottom ? new int[] {top, bottom, left, right} : null;
  }
}
