package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mambastream.ingest.fashion.FashionMnist;
import java.util.SplittableRandom;

/**
 * Turns items of a {@link FashionMnist} set into normalised image batches (B, 1, 28, 28) and label
 * vectors (B), optionally augmented.
 */
public final class FashionBatches {

  private static final int SIDE = FashionMnist.SIDE;

  private final FashionMnist data;

  /** Batches over {@code data}. */
  public FashionBatches(FashionMnist data) {
    this.data = data;
  }

  /** Returns the underlying items. */
  public FashionMnist data() {
    return data;
  }

  /**
   * Returns the normalised pixels of the items {@code indices}, (B·28·28), without augmentation.
   */
  public float[] pixels(int[] indices) {
    float[] out = new float[indices.length * FashionMnist.PIXELS];
    for (int b = 0; b < indices.length; b++) {
      byte[] image = data.image(indices[b]);
      for (int p = 0; p < FashionMnist.PIXELS; p++) {
        out[b * FashionMnist.PIXELS + p] = FashionNormalization.normalizeByte(image[p] & 0xff);
      }
    }
    return out;
  }

  /**
   * Returns the images of items {@code indices} as (B, 1, 28, 28) in {@code manager}, augmented
   * with {@code augmenter} and {@code random} unless the augmenter is null.
   */
  public NDArray images(
      NDManager manager, int[] indices, Augmenter augmenter, SplittableRandom random) {
    return images(manager, augmentedPixels(indices, augmenter, random));
  }

  /**
   * Returns the normalised pixels of the items {@code indices}, (B·28·28), augmented with {@code
   * augmenter} and {@code random} unless the augmenter is null.
   */
  public float[] augmentedPixels(int[] indices, Augmenter augmenter, SplittableRandom random) {
    float[] pixels = pixels(indices);
    if (augmenter != null) {
      float background = FashionNormalization.normalize(0f);
      for (int b = 0; b < indices.length; b++) {
        augmenter.apply(pixels, b * FashionMnist.PIXELS, background, random);
      }
    }
    return pixels;
  }

  /** Returns {@code pixels} (B·28·28) as images (B, 1, 28, 28) in {@code manager}. */
  public static NDArray images(NDManager manager, float[] pixels) {
    return manager.create(pixels, new Shape(pixels.length / FashionMnist.PIXELS, 1, SIDE, SIDE));
  }

  /** Returns the labels of items {@code indices} (B). */
  public int[] labelValues(int[] indices) {
    int[] labels = new int[indices.length];
    for (int b = 0; b < indices.length; b++) {
      labels[b] = data.label(indices[b]);
    }
    return labels;
  }

  /** Returns the labels of items {@code indices} as an int32 vector (B). */
  public NDArray labels(NDManager manager, int[] indices) {
    return manager.create(labelValues(indices));
  }
}
