package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.IntConsumer;

/** Evaluates a classifier on Fashion-MNIST items in inference mode, batch by batch. */
public final class ClassifierEvaluator {

  private ClassifierEvaluator() {}

  /**
   * Returns the plain cross-entropy, accuracy and confusion matrix of {@code model} on items {@code
   * indices}.
   */
  public static Evaluation evaluate(
      Block model, FashionBatches data, int[] indices, int batchSize, NDManager manager) {
    return evaluate(model, data, indices, batchSize, manager, done -> {});
  }

  /**
   * Like {@link #evaluate(Block, FashionBatches, int[], int, NDManager)}, reporting the number of
   * items done after each batch.
   */
  public static Evaluation evaluate(
      Block model,
      FashionBatches data,
      int[] indices,
      int batchSize,
      NDManager manager,
      IntConsumer progress) {
    double lossSum = 0;
    int n = indices.length;
    int[] truth = data.labelValues(indices);
    int[] predicted = new int[n];
    int classes = 0; // K, from the logits
    for (int start = 0; start < n; start += batchSize) {
      int[] batch = slice(indices, start, batchSize);
      try (NDManager scope = manager.newSubManager()) {
        NDArray images = data.images(scope, batch, null, null);
        NDArray labels = data.labels(scope, batch);
        NDArray logits =
            model
                .forward(new ParameterStore(scope, false), new NDList(images), false)
                .singletonOrThrow(); // (B, K)
        classes = Math.toIntExact(logits.getShape().get(1));
        lossSum += SmoothedCrossEntropy.loss(logits, labels, 0).getFloat() * batch.length;
        int[] best = SmoothedCrossEntropy.predictions(logits); // (B)
        System.arraycopy(best, 0, predicted, start, best.length);
      }
      progress.accept(Math.min(n, start + batchSize));
    }
    return new Evaluation(
        n == 0 ? Double.NaN : lossSum / n, ConfusionMatrix.of(classes, truth, predicted));
  }

  /** Returns up to {@code size} entries of {@code indices} from {@code start}. */
  static int[] slice(int[] indices, int start, int size) {
    int end = Math.min(indices.length, start + size);
    int[] out = new int[end - start];
    System.arraycopy(indices, start, out, 0, out.length);
    return out;
  }
}
