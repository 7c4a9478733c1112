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

  /** Returns the plain cross-entropy and accuracy of {@code model} on items {@code indices}. */
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
    long correct = 0;
    for (int start = 0; start < indices.length; start += batchSize) {
      int[] batch = slice(indices, start, batchSize);
      try (NDManager scope = manager.newSubManager()) {
        NDArray images = data.images(scope, batch, null, null);
        NDArray labels = data.labels(scope, batch);
        NDArray logits =
            model
                .forward(new ParameterStore(scope, false), new NDList(images), false)
                .singletonOrThrow();
        lossSum += SmoothedCrossEntropy.loss(logits, labels, 0).getFloat() * batch.length;
        correct += SmoothedCrossEntropy.correct(logits, labels);
      }
      progress.accept(Math.min(indices.length, start + batchSize));
    }
    int n = indices.length;
    return new Evaluation(
        n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) correct / n, n);
  }

  /** Returns up to {@code size} entries of {@code indices} from {@code start}. */
  static int[] slice(int[] indices, int start, int size) {
    int end = Math.min(indices.length, start + size);
    int[] out = new int[end - start];
    System.arraycopy(indices, start, out, 0, out.length);
    return out;
  }
}
