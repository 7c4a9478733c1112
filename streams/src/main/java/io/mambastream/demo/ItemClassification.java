package io.mambastream.demo;

import java.util.List;

/**
 * How the shipped classifier did on the clip's visible objects, each cut out of its frame.
 *
 * @param model the artifact id of the classifier
 * @param recordedTestAccuracy its Fashion-MNIST test accuracy from its model card
 * @param objects objects classified (visible in at least half of their pixels)
 * @param correct objects whose best class is the true class
 * @param predictions per object: frame, track, true and predicted class, probability
 */
public record ItemClassification(
    String model,
    double recordedTestAccuracy,
    int objects,
    int correct,
    List<Prediction> predictions) {

  /** One classified object. */
  public record Prediction(
      int frame, int track, String truth, String predicted, double probability) {}

  /** Returns correct / objects, NaN when nothing was classified. */
  public double accuracy() {
    return objects == 0 ? Double.NaN : (double) correct / objects;
  }
}
