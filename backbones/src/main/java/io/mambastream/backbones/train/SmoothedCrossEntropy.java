package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.AutogradSafe;

/**
 * Label-smoothed cross-entropy: the target puts 1 − ε + ε / K on the label and ε / K on every other
 * class; the loss is −Σ_k target_k · log softmax(logits)_k, averaged over the batch.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>logits</td><td>(B, K)</td></tr>
 *   <tr><td>labels</td><td>(B) integer</td></tr>
 *   <tr><td>loss</td><td>() scalar</td></tr>
 * </table>
 */
public final class SmoothedCrossEntropy {

  private SmoothedCrossEntropy() {}

  /** Returns the mean smoothed cross-entropy; ε = 0 gives the plain cross-entropy. */
  public static NDArray loss(NDArray logits, NDArray labels, double epsilon) {
    long classes = logits.getShape().get(1);
    NDArray logProbabilities = logits.logSoftmax(1); // (B, K)
    NDArray oneHot = labels.oneHot((int) classes).toType(logits.getDataType(), false); // (B, K)
    NDArray target = oneHot.mul(1 - epsilon).add(epsilon / classes);
    return target.mul(logProbabilities).sum(new int[] {1}).neg().mean();
  }

  /**
   * Returns the targets of a (mixed, {@link BatchMixer}) batch, (B, K) in {@code manager}: λ times
   * the smoothed one-hot of each label plus 1 − λ times that of its partner; the loss against them
   * is λ·loss(labels) + (1 − λ)·loss(partner labels), since the loss is linear in the target. Built
   * on the host and copied into engine-owned memory once ({@link AutogradSafe#copyOf}: backward
   * keeps the targets), which the caller can do before the forward pass is queued.
   */
  public static NDArray targets(NDManager manager, MixedBatch batch, int classes, double epsilon) {
    int rows = batch.labels().length;
    float[] targets = new float[rows * classes];
    double off = epsilon / classes;
    double on = 1 - epsilon + off;
    for (int b = 0; b < rows; b++) {
      for (int k = 0; k < classes; k++) {
        double own = batch.labels()[b] == k ? on : off;
        double partner = batch.partnerLabels()[b] == k ? on : off;
        targets[b * classes + k] = (float) (batch.lambda() * own + (1 - batch.lambda()) * partner);
      }
    }
    return AutogradSafe.copyOf(manager, targets, new Shape(rows, classes));
  }

  /** Returns the mean cross-entropy of {@code logits} (B, K) against {@code targets} (B, K). */
  public static NDArray loss(NDArray logits, NDArray targets) {
    return targets.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg().mean();
  }

  /** Returns each row's predicted class, the index of its largest logit, on the host: (B). */
  public static int[] predictions(NDArray logits) {
    return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
  }

  /** Returns the number of rows whose largest logit is the label, compared on the host. */
  public static long correct(NDArray logits, int[] labels) {
    int[] predicted = predictions(logits);
    long right = 0;
    for (int b = 0; b < labels.length; b++) {
      right += predicted[b] == labels[b] ? 1 : 0;
    }
    return right;
  }
}
