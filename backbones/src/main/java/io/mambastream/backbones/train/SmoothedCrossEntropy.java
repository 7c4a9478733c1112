package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
   * Returns the loss of a mixed batch ({@link BatchMixer}): λ·loss(labels) + (1 − λ)·loss(partner
   * labels), which equals the loss against the λ-mixed smoothed targets (the loss is linear in the
   * target); λ = 1 is the plain loss.
   */
  public static NDArray loss(NDArray logits, NDManager manager, MixedBatch batch, double epsilon) {
    NDArray own = loss(logits, manager.create(batch.labels()), epsilon);
    if (batch.lambda() == 1) {
      return own;
    }
    NDArray partner = loss(logits, manager.create(batch.partnerLabels()), epsilon);
    // Weights through AutogradSafe: backward keeps them, and a Number operand's memory is Java's.
    return own.mul(AutogradSafe.scalar(own, batch.lambda()))
        .add(partner.mul(AutogradSafe.scalar(partner, 1 - batch.lambda())));
  }

  /** Returns the number of rows whose largest logit is the label. */
  public static long correct(NDArray logits, NDArray labels) {
    return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).sum().getLong();
  }
}
