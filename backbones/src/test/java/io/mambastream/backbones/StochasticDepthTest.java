package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.vim.VisionMamba;
import io.mambastream.backbones.vit.VisionTransformer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StochasticDepthTest {

  private static Backbone small(String architecture) {
    return switch (architecture) {
      case "vim" ->
          VisionMamba.builder()
              .setEmbedDim(16)
              .setDepth(2)
              .optDState(4)
              .optPatchSize(8)
              .optImageSize(32)
              .optNumClasses(5)
              .build();
      case "vit" ->
          VisionTransformer.builder()
              .setEmbedDim(16)
              .setDepth(2)
              .setHeads(2)
              .optPatchSize(8)
              .optImageSize(32)
              .optNumClasses(5)
              .build();
      default -> throw new IllegalArgumentException(architecture);
    };
  }

  private static float[] logits(Backbone model, ParameterStore store, NDArray x, boolean training) {
    return model.forward(store, new NDList(x), training).singletonOrThrow().toFloatArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vim", "vit"})
  void actsInTrainingOnlyAndChangesTheOutput(String architecture) {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(9);
      Backbone model = small(architecture);
      model.initialize(manager, DataType.FLOAT32, new Shape(8, 3, 32, 32));
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(new Shape(8, 3, 32, 32));
      float[] inference = logits(model, store, x, false);
      float[] training = logits(model, store, x, true);

      StochasticDepth layers = (StochasticDepth) model;
      layers.setDropPath(0.9);
      assertThat(logits(model, store, x, false)).containsExactly(inference);
      // With 8 samples and rate 0.9 on the last layer, some sample's logits change.
      assertThat(logits(model, store, x, true)).hasSameSizeAs(training).isNotEqualTo(training);
      layers.setDropPath(0);
      assertThat(logits(model, store, x, true)).containsExactly(training);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"vim", "vit"})
  void refusesRatesOutsideZeroToOne(String architecture) {
    StochasticDepth layers = (StochasticDepth) small(architecture);
    assertThatThrownBy(() -> layers.setDropPath(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> layers.setDropPath(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> layers.setDropPath(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
