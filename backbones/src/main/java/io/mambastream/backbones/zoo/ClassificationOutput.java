package io.mambastream.backbones.zoo;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/** Turns logits (K) into {@link Classifications}: softmax probabilities over the class names. */
final class ClassificationOutput {

  private final List<String> classes;

  ClassificationOutput(List<String> classes) {
    this.classes = List.copyOf(classes);
  }

  Classifications apply(NDList outputs) {
    NDArray logits = outputs.singletonOrThrow(); // (K)
    if (logits.getShape().dimension() == 2) {
      logits = logits.squeeze(0);
    }
    NDArray probabilities = logits.softmax(0);
    return new Classifications(classes, probabilities);
  }
}
