package io.mambastream.backbones.train;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * Mixup and CutMix for a whole batch of square one-channel images, as timm's {@code Mixup} in batch
 * mode.
 *
 * <p>With probability {@code mixProbability} a batch is mixed, otherwise it is left alone. A mixed
 * batch uses CutMix with probability {@code switchProbability} when both methods are on, else the
 * one that is on. Every item b is paired with item B−1−b (the batch reversed; in an odd batch the
 * middle item pairs with itself) and mixed from the unmixed originals, with one λ for the batch:
 *
 * <ul>
 *   <li>Mixup: λ ~ Beta(α, α) and x_b ← λ·x_b + (1−λ)·x_{B−1−b}.
 *   <li>CutMix: λ ~ Beta(α, α); a box of cut = ⌊S·√(1−λ)⌋ around a centre (cy, cx) drawn uniformly
 *       over the pixels spans rows [cy − ⌊cut/2⌋, cy + ⌊cut/2⌋) and the same columns, clipped to
 *       the image; that box of x_b is replaced by the partner's, and λ becomes 1 − box area / S²
 *       (the share of x_b left).
 * </ul>
 *
 * <p>The result's λ is the weight of the item's own label, so the loss to train is λ·loss(labels) +
 * (1−λ)·loss(partnerLabels). Every random draw comes from the caller's {@link SplittableRandom}
 * (Beta through commons-rng's Cheng sampler), so a seed fixes the result.
 *
 * <table>
 *   <caption>Shapes (B batch, S image side)</caption>
 *   <tr><th>argument</th><th>shape</th></tr>
 *   <tr><td>pixels (mixed in place)</td><td>(B·S·S), row-major per image</td></tr>
 *   <tr><td>labels, partnerLabels</td><td>(B)</td></tr>
 * </table>
 */
public final class BatchMixer {

  private final double mixupAlpha;
  private final double cutmixAlpha;
  private final double mixProbability;
  private final double switchProbability;

  private BatchMixer(Builder builder) {
    this.mixupAlpha = builder.mixupAlpha;
    this.cutmixAlpha = builder.cutmixAlpha;
    this.mixProbability = builder.mixProbability;
    this.switchProbability = builder.switchProbability;
  }

  /** Returns a builder with both methods off, mixProbability 1 and switchProbability 1/2. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Mixes the {@code batchSize} images of side {@code side} in {@code pixels} in place and returns
   * the labels to train against; an unmixed batch has λ = 1 and its own labels as partners.
   */
  public MixedBatch mix(
      float[] pixels, int batchSize, int side, int[] labels, SplittableRandom random) {
    if (batchSize <= 0 || side <= 0 || pixels.length != batchSize * side * side) {
      throw new IllegalArgumentException(
          "pixels must hold batchSize·side·side values: "
              + pixels.length
              + " for "
              + batchSize
              + "·"
              + side
              + "·"
              + side);
    }
    if (labels.length != batchSize) {
      throw new IllegalArgumentException(
          "labels must hold batchSize values: " + labels.length + " for " + batchSize);
    }
    if (random.nextDouble() >= mixProbability) {
      return new MixedBatch(labels, labels, 1);
    }
    boolean cutmix =
        mixupAlpha > 0 && cutmixAlpha > 0
            ? random.nextDouble() < switchProbability
            : cutmixAlpha > 0;
    double alpha = cutmix ? cutmixAlpha : mixupAlpha;
    UniformRandomProvider source = random::nextLong;
    double lambda = ChengBetaSampler.of(source, alpha, alpha).sample();
    if (lambda >= 1) {
      return new MixedBatch(labels, labels, 1);
    }
    float[] original = pixels.clone();
    if (cutmix) {
      lambda = pasteBox(pixels, original, batchSize, side, lambda, random);
    } else {
      blend(pixels, original, batchSize, side * side, lambda);
    }
    int[] partnerLabels = new int[batchSize];
    for (int b = 0; b < batchSize; b++) {
      partnerLabels[b] = labels[batchSize - 1 - b];
    }
    return new MixedBatch(labels, partnerLabels, lambda);
  }

  private static void blend(
      float[] pixels, float[] original, int batchSize, int imageSize, double lambda) {
    for (int b = 0; b < batchSize; b++) {
      int own = b * imageSize;
      int partner = (batchSize - 1 - b) * imageSize;
      for (int p = 0; p < imageSize; p++) {
        pixels[own + p] =
            (float) (lambda * original[own + p] + (1 - lambda) * original[partner + p]);
      }
    }
  }

  /** Pastes the partners' box into every image and returns the corrected λ. */
  private static double pasteBox(
      float[] pixels,
      float[] original,
      int batchSize,
      int side,
      double lambda,
      SplittableRandom random) {
    int cut = (int) (side * Math.sqrt(1 - lambda));
    int cy = random.nextInt(side);
    int cx = random.nextInt(side);
    int top = Math.max(cy - cut / 2, 0);
    int bottom = Math.min(cy + cut / 2, side);
    int left = Math.max(cx - cut / 2, 0);
    int right = Math.min(cx + cut / 2, side);
    int imageSize = side * side;
    for (int b = 0; b < batchSize; b++) {
      int own = b * imageSize;
      int partner = (batchSize - 1 - b) * imageSize;
      for (int r = top; r < bottom; r++) {
        System.arraycopy(
            original, partner + r * side + left, pixels, own + r * side + left, right - left);
      }
    }
    return 1 - (double) (bottom - top) * (right - left) / imageSize;
  }

  /** Builds a {@link BatchMixer}; at least one of the alphas must be positive. */
  public static final class Builder {

    private double mixupAlpha;
    private double cutmixAlpha;
    private double mixProbability = 1;
    private double switchProbability = 0.5;

    private Builder() {}

    /** Sets the Beta parameter of Mixup; 0 (the default) turns Mixup off. */
    public Builder optMixupAlpha(double mixupAlpha) {
      this.mixupAlpha = mixupAlpha;
      return this;
    }

    /** Sets the Beta parameter of CutMix; 0 (the default) turns CutMix off. */
    public Builder optCutmixAlpha(double cutmixAlpha) {
      this.cutmixAlpha = cutmixAlpha;
      return this;
    }

    /** Sets the probability that a batch is mixed at all (default 1). */
    public Builder optMixProbability(double mixProbability) {
      this.mixProbability = mixProbability;
      return this;
    }

    /** Sets the probability of CutMix rather than Mixup when both are on (default 1/2). */
    public Builder optSwitchProbability(double switchProbability) {
      this.switchProbability = switchProbability;
      return this;
    }

    /**
     * Returns the mixer.
     *
     * @throws IllegalArgumentException naming the first bad parameter
     */
    public BatchMixer build() {
      requireAlpha("mixupAlpha", mixupAlpha);
      requireAlpha("cutmixAlpha", cutmixAlpha);
      requireProbability("mixProbability", mixProbability);
      requireProbability("switchProbability", switchProbability);
      if (mixupAlpha == 0 && cutmixAlpha == 0) {
        throw new IllegalArgumentException(
            "mixupAlpha and cutmixAlpha are both 0: set at least one above 0 to mix batches");
      }
      return new BatchMixer(this);
    }

    private static void requireAlpha(String name, double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be finite and >= 0 (0 = off): " + value);
      }
    }

    private static void requireProbability(String name, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
      }
    }
  }
}
