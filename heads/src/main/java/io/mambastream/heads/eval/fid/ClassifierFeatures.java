package io.mambastream.heads.eval.fid;

import ai.djl.modality.cv.Image;
import io.mambastream.backbones.zoo.Classifier;
import java.io.IOException;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * FID features of an image set: the classifier's penultimate features ({@link
 * Classifier#features}), computed batch by batch.
 */
public final class ClassifierFeatures {

  /** Images per forward pass. */
  public static final int BATCH = 256;

  private ClassifierFeatures() {}

  /**
   * Returns one row of D features per image of {@code images}, in order, reporting the number of
   * images done after each batch.
   *
   * @throws IOException if an image cannot be read
   */
  public static double[][] of(Classifier classifier, ImageSet images, IntConsumer progress)
      throws IOException {
    double[][] rows = new double[images.size()][];
    for (int start = 0; start < images.size(); start += BATCH) {
      int end = Math.min(images.size(), start + BATCH);
      List<Image> batch = images.load(start, end);
      float[][] features = classifier.features(batch);
      for (int i = 0; i < features.length; i++) {
        rows[start + i] = widen(features[i]);
      }
      progress.accept(end);
    }
    return rows;
  }

  private static double[] widen(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
