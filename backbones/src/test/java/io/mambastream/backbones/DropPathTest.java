package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class DropPathTest {

  @Test
  void isTheIdentityAtInferenceAndAtRateZero() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomNormal(new Shape(4, 3, 2));
      assertThat(DropPath.apply(x, 0.5, false)).isSameAs(x);
      assertThat(DropPath.apply(x, 0, true)).isSameAs(x);
    }
  }

  @Test
  void dropsWholeSamplesAtTheRateAndScalesTheKeptOnes() {
    Engine.getInstance().setRandomSeed(11);
    int samples = 4000;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.ones(new Shape(samples, 5, 3));
      float[] out = DropPath.apply(x, 0.25, true).toFloatArray();
      int dropped = 0;
      for (int b = 0; b < samples; b++) {
        float first = out[b * 15];
        for (int i = 1; i < 15; i++) {
          assertThat(out[b * 15 + i]).isEqualTo(first); // one decision per sample
        }
        if (first == 0) {
          dropped++;
        } else {
          assertThat(first).isCloseTo(1 / 0.75f, within(1e-6f));
        }
      }
      // Binomial(4000, 0.25): standard deviation 27; 5 of them either side.
      assertThat(dropped).isBetween(1000 - 137, 1000 + 137);
    }
  }

  @Test
  void theGradientIsTheMask() {
    Engine.getInstance().setRandomSeed(5);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomNormal(new Shape(64, 2, 2));
      x.setRequiresGradient(true);
      float[] y;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray out = DropPath.apply(x, 0.5, true);
        y = out.toFloatArray();
        collector.backward(out.sum());
      }
      float[] input = x.toFloatArray();
      float[] grad = x.getGradient().toFloatArray();
      for (int i = 0; i < y.length; i++) {
        assertThat(y[i]).isCloseTo(input[i] * grad[i], within(1e-5f));
        assertThat(grad[i]).isIn(0f, 2f);
      }
    }
  }

  @Test
  void ratesRiseLinearlyFromZeroToTheMaximum() {
    assertThat(DropPath.linearRate(0.2, 0, 5)).isZero();
    assertThat(DropPath.linearRate(0.2, 2, 5)).isCloseTo(0.1, within(1e-12));
    assertThat(DropPath.linearRate(0.2, 4, 5)).isCloseTo(0.2, within(1e-12));
    assertThat(DropPath.linearRate(0.2, 0, 1)).isEqualTo(0.2);
  }

  @Test
  void aRateOfOneIsRefused() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.ones(new Shape(2, 2));
      assertThatThrownBy(() -> DropPath.apply(x, 1, true))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
