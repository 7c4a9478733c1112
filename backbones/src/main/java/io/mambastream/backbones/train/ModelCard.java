package io.mambastream.backbones.train;

import java.util.List;
import java.util.Map;

/**
 * What a shipped or trained classifier is: the JSON beside its weights ({@code model.json}).
 *
 * @param name artifact id, e.g. {@code vim-tiny-fashion}
 * @param config architecture and sizes
 * @param classes class names, index = label
 * @param mean pixel mean used for normalisation (pixels in [0, 1])
 * @param std pixel standard deviation used for normalisation
 * @param metrics recorded metrics, e.g. {@code test_accuracy}, {@code val_accuracy}
 * @param training how it was trained: command, seed, epochs, wall time
 */
public record ModelCard(
    String name,
    ClassifierConfig config,
    List<String> classes,
    double mean,
    double std,
    Map<String, Double> metrics,
    Map<String, String> training) {

  /** Copies the collections. */
  public ModelCard {
    classes = List.copyOf(classes);
    metrics = Map.copyOf(metrics);
    training = Map.copyOf(training);
  }
}
