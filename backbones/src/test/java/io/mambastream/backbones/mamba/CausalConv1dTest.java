package io.mambastream.backbones.mamba;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CausalConv1dTest {

  @Test
  void anImpulseComesOutAsTheReversedKernel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Output t = bias + Σ_k w[k]·x[t − (K − 1) + k]: an impulse at t = 0 reaches outputs
      // 0, 1, 2, 3 through w[3], w[2], w[1], w[0].
      NDArray x = manager.create(new float[] {1, 0, 0, 0, 0}, new Shape(1, 1, 5));
      NDArray w = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 4));
      NDArray b = manager.create(new float[] {0.5f});
      assertThat(CausalConv1d.apply(x, w, b).toFloatArray())
          .containsExactly(4.5f, 3.5f, 2.5f, 1.5f, 0.5f);
    }
  }

  @Test
  void changingAFutureTokenLeavesEarlierOutputsUnchanged() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(7);
      NDArray x = manager.randomNormal(new Shape(2, 3, 9));
      NDArray w = manager.randomNormal(new Shape(3, 1, 4));
      NDArray b = manager.randomNormal(new Shape(3));
      float[] before = CausalConv1d.apply(x, w, b).toFloatArray();
      for (int t = 0; t < 9; t++) {
        NDArray changed = x.duplicate();
        changed.set(new NDIndex(":, :, {}", t), 100f);
        float[] after = CausalConv1d.apply(changed, w, b).toFloatArray();
        for (int i = 0; i < before.length; i++) {
          int position = i % 9;
          if (position < t) {
            assertThat(after[i])
                .as("position %d after change at %d", position, t)
                .isEqualTo(before[i]);
          }
        }
        assertThat(Arrays.equals(after, before)).as("the change at %d shows", t).isFalse();
      }
    }
  }
}
