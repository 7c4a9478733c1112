package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.checkpoint.CheckpointMismatchException;
import io.mambastream.backbones.checkpoint.StateDict;
import io.mambastream.backbones.vim.VisionMamba;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDictLoaderTest {
  private static final Shape IMAGES = new Shape(1, 3, 16, 16);

  private static VisionMamba model(NDManager manager, int seed) {
    manager.getEngine().setRandomSeed(seed);
    VisionMamba model =
        VisionMamba.builder()
            .setEmbedDim(8)
            .setDepth(1)
            .optDState(2)
            .optPatchSize(8)
            .optImageSize(16)
            .optNumClasses(3)
            .build();
    model.initialize(manager, DataType.FLOAT32, IMAGES);
    return model;
  }

  private static Map<String, NDArray> weightsOf(VisionMamba model) {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    StateDictNames.of(model).forEach((name, p) -> arrays.put(name, p.getArray()));
    return arrays;
  }

  @Test
  void loadedModelComputesWhatTheSourceComputes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionMamba source = model(manager, 1);
      VisionMamba target = model(manager, 2);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(IMAGES);
      float[] expected = source.forward(store, new NDList(x), false).head().toFloatArray();
      assertThat(target.forward(store, new NDList(x), false).head().toFloatArray())
          .isNotEqualTo(expected);

      assertThat(
              StateDictLoader.load(target, StateDict.fromNDArrays(weightsOf(source), Map.of()))
                  .isClean())
          .isTrue();

      assertThat(target.forward(store, new NDList(x), false).head().toFloatArray())
          .containsExactly(expected);
    }
  }

  @Test
  void namesEveryMissingUnexpectedAndMisshapenEntry() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionMamba model = model(manager, 1);
      Map<String, NDArray> weights = weightsOf(model);
      weights.remove("layers.0.mixer.D_b");
      weights.put("layers.0.mixer.gamma", manager.ones(new Shape(4)));
      weights.put("head.bias", manager.ones(new Shape(5)));
      StateDict broken = StateDict.fromNDArrays(weights, Map.of());

      assertThatThrownBy(() -> StateDictLoader.load(model, broken))
          .isInstanceOf(CheckpointMismatchException.class)
          .hasMessageContaining("layers.0.mixer.D_b")
          .hasMessageContaining("layers.0.mixer.gamma")
          .hasMessageContaining("head.bias");
    }
  }
}
