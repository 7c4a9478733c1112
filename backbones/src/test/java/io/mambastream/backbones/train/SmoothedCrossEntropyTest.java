package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mambastream.backbones.DirectMemory;
import org.junit.jupiter.api.Test;

class SmoothedCrossEntropyTest {

  private static final float[][] LOGITS = {{2, 0, -1}, {0.5f, 0.5f, 3}};

  /** −Σ_k t_k · log softmax(z)_k for one row, in double, from the definition. */
  private static double crossEntropy(float[] logits, double[] target) {
    double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
    double sum = 0;
    for (float z : logits) {
      sum += Math.exp(z - max);
    }
    double loss = 0;
    for (int k = 0; k < logits.length; k++) {
      loss -= target[k] * (logits[k] - max - Math.log(sum));
    }
    return loss;
  }

  /** The smoothed one-hot target: 1 − ε + ε/K on the label, ε/K elsewhere. */
  private static double[] smoothed(int label, double epsilon) {
    double[] target = new double[3];
    for (int k = 0; k < 3; k++) {
      target[k] = (k == label ? 1 - epsilon : 0) + epsilon / 3;
    }
    return target;
  }

  private static NDArray logits(NDManager manager) {
    return manager.create(new float[] {2, 0, -1, 0.5f, 0.5f, 3}, new Shape(2, 3));
  }

  @Test
  void theSmoothedLossIsTheMeanCrossEntropyAgainstSmoothedTargets() {
    try (NDManager manager = NDManager.newBaseManager()) {
      double expected =
          (crossEntropy(LOGITS[0], smoothed(0, 0.1)) + crossEntropy(LOGITS[1], smoothed(1, 0.1)))
              / 2;
      NDArray loss =
          SmoothedCrossEntropy.loss(logits(manager), manager.create(new int[] {0, 1}), 0.1);
      assertThat(loss.getFloat()).isCloseTo((float) expected, within(1e-6f));
    }
  }

  @Test
  void theMixedLossHasItsGradientThroughACollectionBeforeBackward() {
    // d(mean CE)/dz = (softmax(z) − mixed target) / B; a weight made from Java memory and freed
    // before backward (AutogradSafe) would make it garbage.
    MixedBatch batch = new MixedBatch(new int[] {1, 0}, new int[] {0, 1}, 0.25);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logits = logits(manager);
      logits.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray targets = SmoothedCrossEntropy.targets(manager, batch, 3, 0.1);
        NDArray loss = SmoothedCrossEntropy.loss(logits, targets);
        DirectMemory.freeUnreachable();
        collector.backward(loss);
      }
      float[] gradient = logits.getGradient().toFloatArray();
      for (int b = 0; b < 2; b++) {
        double[] own = smoothed(batch.labels()[b], 0.1);
        double[] partner = smoothed(batch.partnerLabels()[b], 0.1);
        double sum = 0;
        for (float z : LOGITS[b]) {
          sum += Math.exp(z);
        }
        for (int k = 0; k < 3; k++) {
          double target = 0.25 * own[k] + 0.75 * partner[k];
          double expected = (Math.exp(LOGITS[b][k]) / sum - target) / 2;
          assertThat((double) gradient[b * 3 + k]).isCloseTo(expected, within(1e-6));
        }
      }
    }
  }

  @Test
  void aMixedBatchIsScoredAgainstTheMixedTargets() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Rows pair with each other (B − 1 − b): row 0 has labels 0 / 2, row 1 has 2 / 0; λ = 0.7.
      MixedBatch batch = new MixedBatch(new int[] {0, 2}, new int[] {2, 0}, 0.7);
      double expected = 0;
      for (int b = 0; b < 2; b++) {
        double[] own = smoothed(batch.labels()[b], 0.1);
        double[] partner = smoothed(batch.partnerLabels()[b], 0.1);
        double[] mixed = new double[3];
        for (int k = 0; k < 3; k++) {
          mixed[k] = 0.7 * own[k] + 0.3 * partner[k];
        }
        expected += crossEntropy(LOGITS[b], mixed) / 2;
      }
      NDArray targets = SmoothedCrossEntropy.targets(manager, batch, 3, 0.1);
      NDArray loss = SmoothedCrossEntropy.loss(logits(manager), targets);
      assertThat(loss.getFloat()).isCloseTo((float) expected, within(1e-6f));

      MixedBatch unmixed = new MixedBatch(new int[] {0, 2}, new int[] {0, 2}, 1);
      double plain =
          (crossEntropy(LOGITS[0], smoothed(0, 0.1)) + crossEntropy(LOGITS[1], smoothed(2, 0.1)))
              / 2;
      NDArray plainTargets = SmoothedCrossEntropy.targets(manager, unmixed, 3, 0.1);
      assertThat(SmoothedCrossEntropy.loss(logits(manager), plainTargets).getFloat())
          .isCloseTo((float) plain, within(1e-6f));
      // The same number as the label form used by evaluation.
      NDArray labels = manager.create(new int[] {0, 2});
      assertThat(SmoothedCrossEntropy.loss(logits(manager), labels, 0.1).getFloat())
          .isCloseTo((float) plain, within(1e-6f));
      // Row 0's largest logit is class 0, row 1's class 2.
      assertThat(SmoothedCrossEntropy.correct(logits(manager), new int[] {0, 2})).isEqualTo(2);
      assertThat(SmoothedCrossEntropy.correct(logits(manager), new int[] {1, 2})).isEqualTo(1);
      assertThat(SmoothedCrossEntropy.predictions(logits(manager))).containsExactly(0, 2);
    }
  }
}
