package io.mambastream.backbones.train;

/**
 * The pixel normalisation of every Fashion-MNIST classifier here: x = (byte / 255 − mean) / std,
 * with the mean and standard deviation of the 60k training images.
 */
public final class FashionNormalization {

  /** Mean of the training pixels scaled to [0, 1]. */
  public static final float MEAN = 0.2860f;

  /** Standard deviation of the training pixels scaled to [0, 1]. */
  public static final float STD = 0.3530f;

  private FashionNormalization() {}

  /** Normalises one pixel given in [0, 1]. */
  public static float normalize(float unit) {
    return (unit - MEAN) / STD;
  }

  /** Normalises one unsigned byte pixel (0..255). */
  public static float normalizeByte(int value) {
    return normalize(value / 255f);
  }
}
