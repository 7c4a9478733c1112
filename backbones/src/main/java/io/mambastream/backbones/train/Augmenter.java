package io.mambastream.backbones.train;

import java.util.SplittableRandom;

/**
 * Light augmentation of square grayscale images in place: random crop with zero padding (a random
 * shift of up to {@code pad} pixels, background filled), horizontal flip with probability 1/2, and
 * random erasing (one rectangle of 2–20% of the area, aspect 0.3–3.3, filled with the background)
 * with probability {@code eraseProbability}.
 *
 * <p>Every random draw comes from the caller's {@link SplittableRandom}, so a seed fixes the
 * result.
 */
public final class Augmenter {

  private final int side;
  private final int pad;
  private final double eraseProbability;

  /** An augmenter for {@code side}×{@code side} images. */
  public Augmenter(int side, int pad, double eraseProbability) {
    if (side <= 0 || pad < 0 || pad >= side || eraseProbability < 0 || eraseProbability > 1) {
      throw new IllegalArgumentException(
          "need side > pad >= 0 and eraseProbability in [0, 1]: "
              + side
              + ", "
              + pad
              + ", "
              + eraseProbability);
    }
    this.side = side;
    this.pad = pad;
    this.eraseProbability = eraseProbability;
  }

  /** The recipe used for training: shift up to 2 px, flips, erasing with probability 1/4. */
  public static Augmenter standard(int side) {
    return new Augmenter(side, 2, 0.25);
  }

  /**
   * Augments {@code image} (side² values, row-major) in place; {@code background} fills what the
   * shift uncovers and what is erased.
   */
  public void apply(float[] image, int offset, float background, SplittableRandom random) {
    int dy = random.nextInt(2 * pad + 1) - pad;
    int dx = random.nextInt(2 * pad + 1) - pad;
    boolean flip = random.nextBoolean();
    float[] source = new float[side * side];
    System.arraycopy(image, offset, source, 0, source.length);
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        int sr = r + dy;
        int sc = (flip ? side - 1 - c : c) + dx;
        boolean inside = sr >= 0 && sr < side && sc >= 0 && sc < side;
        image[offset + r * side + c] = inside ? source[sr * side + sc] : background;
      }
    }
    if (random.nextDouble() < eraseProbability) {
      erase(image, offset, background, random);
    }
  }

  private void erase(float[] image, int offset, float background, SplittableRandom random) {
    double area = side * side * (0.02 + random.nextDouble() * 0.18);
    double logRatio = Math.log(0.3) + random.nextDouble() * (Math.log(3.3) - Math.log(0.3));
    double ratio = Math.exp(logRatio);
    int h = (int) Math.round(Math.sqrt(area * ratio));
    int w = (int) Math.round(Math.sqrt(area / ratio));
    if (h < 1 || w < 1 || h > side || w > side) {
      return;
    }
    int top = random.nextInt(side - h + 1);
    int left = random.nextInt(side - w + 1);
    for (int r = top; r < top + h; r++) {
      for (int c = left; c < left + w; c++) {
        image[offset + r * side + c] = background;
      }
    }
  }
}
