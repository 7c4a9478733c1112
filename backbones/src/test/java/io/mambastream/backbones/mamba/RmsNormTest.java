package io.mambastream.backbones.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RmsNormTest {

  @Test
  void dividesByTheRootMeanSquareAndScales() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // x = (3, 4): mean(x²) = 12.5, so y = x / √(12.5 + 1e-5) · w with w = (1, 2).
      float[] y =
          RmsNorm.rmsNorm(
                  manager.create(new float[] {3, 4}, new Shape(1, 2)),
                  manager.create(new float[] {1, 2}),
                  1e-5f)
              .toFloatArray();
      double rms = Math.sqrt(12.5 + 1e-5);
      assertThat((double) y[0]).isCloseTo(3 / rms, within(1e-6));
      assertThat((double) y[1]).isCloseTo(8 / rms, within(1e-6));
    }
  }
}
