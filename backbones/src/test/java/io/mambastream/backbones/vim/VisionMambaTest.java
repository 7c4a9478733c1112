package io.mambastream.backbones.vim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.GradientChecks;
import io.mambastream.backbones.StateDictLoader;
import io.mambastream.backbones.StateDictNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisionMambaTest {

  private static VisionMamba.Builder small(int imageSize, int patch) {
    return VisionMamba.builder()
        .setEmbedDim(16)
        .setDepth(2)
        .optDState(4)
        .optPatchSize(patch)
        .optImageSize(imageSize)
        .optNumClasses(5);
  }

  /** A {@link #small} model initialised for {@code batch} images after seeding the engine. */
  private static VisionMamba seeded(
      NDManager manager, int seed, int imageSize, int patch, int batch) {
    manager.getEngine().setRandomSeed(seed);
    VisionMamba model = small(imageSize, patch).build();
    model.initialize(manager, DataType.FLOAT32, new Shape(batch, 3, imageSize, imageSize));
    return model;
  }

  @ParameterizedTest
  @CsvSource({"16, 8", "32, 8", "48, 16", "64, 16"})
  void featureMapsAndLogitsHaveTheDocumentedShapes(int imageSize, int patch) {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionMamba model = small(imageSize, patch).build();
      Shape images = new Shape(2, 3, imageSize, imageSize);
      model.initialize(manager, DataType.FLOAT32, images);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(images);

      FeatureMaps features = model.extract(store, x, false);
      int grid = imageSize / patch;
      assertThat(features.finest().map().getShape()).isEqualTo(new Shape(2, 16, grid, grid));
      assertThat(features.finest().stride()).isEqualTo(patch);
      assertThat(features.classEmbedding().orElseThrow().getShape()).isEqualTo(new Shape(2, 16));
      NDArray logits = model.forward(store, new NDList(x), false).singletonOrThrow();
      assertThat(logits.getShape()).isEqualTo(new Shape(2, 5));
      assertThat(model.classTokenPosition()).isEqualTo(grid * grid / 2);
    }
  }

  @Test
  void classTokenSitsInTheMiddleBeforeThePositionEmbedding() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionMamba model = small(32, 8).build(); // M = 16 patches, class token at 8
      Shape images = new Shape(1, 3, 32, 32);
      model.initialize(manager, DataType.FLOAT32, images);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray sequence = model.embed(store, manager.randomNormal(images), false);
      Map<String, Parameter> p = StateDictNames.of(model);
      NDArray expected =
          p.get("cls_token")
              .getArray()
              .get(new NDIndex("0, 0"))
              .add(p.get("pos_embed").getArray().get(new NDIndex("0, 8")));
      assertThat(sequence.getShape()).isEqualTo(new Shape(1, 17, 16));
      assertThat(sequence.get(new NDIndex("0, 8")).toFloatArray())
          .containsExactly(expected.toFloatArray());
    }
  }

  @Test
  void everyParameterReceivesAGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionMamba model = seeded(manager, 3, 16, 8, 2);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(new Shape(2, 3, 16, 16));
      NDArray target = manager.randomNormal(new Shape(2, 5));
      GradientChecks.backwardWeighted(model, store, x, target);
      // cls, pos, patch weight and bias; head weight and bias; per layer 16 mixer + 1 norm; norm_f
      GradientChecks.assertEveryParameterHasAGradient(model, 4 + 2 + 2 * 17 + 1);
    }
  }

  @Test
  void tinyPresetHasTheReleasedKeysAndParameterCount() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionMamba model = VisionMamba.builder().tiny().build();
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      Map<String, Parameter> p = StateDictNames.of(model);
      assertThat(p.get("pos_embed").getShape()).isEqualTo(new Shape(1, 197, 192));
      assertThat(p.get("patch_embed.proj.weight").getShape()).isEqualTo(new Shape(192, 3, 16, 16));
      assertThat(p.get("layers.23.mixer.x_proj_b.weight").getShape()).isEqualTo(new Shape(44, 384));
      assertThat(p.get("layers.0.norm.weight").getShape()).isEqualTo(new Shape(192));
      assertThat(p).containsKeys("cls_token", "head.weight", "head.bias", "norm_f.weight");
      // Per layer: in_proj 768·192 + 2·(conv 384·4 + 384, x_proj 44·384, dt_proj 384·12 + 384,
      // A 384·16, D 384) + out_proj 192·384 + norm 192 = 282,048; ×24 = 6,769,152. Plus patch
      // embed 192·768 + 192, cls 192, pos 197·192, norm_f 192, head 192·1000 + 1000: 7,148,008,
      // the "7M" of the Vim paper.
      long count = p.values().stream().mapToLong(v -> v.getArray().size()).sum();
      assertThat(count).isEqualTo(7_148_008L);
    }
  }

  @Test
  void architectureIsInferredBackFromTheShapes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionMamba original =
          small(48, 16).optDState(3).optNumClasses(7).optInChannels(1).setDepth(3).build();
      original.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
      VisionMamba inferred =
          VimArchitecture.infer(StateDictLoader.expectedShapes(original)).build();
      inferred.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
      assertThat(StateDictLoader.expectedShapes(inferred))
          .containsExactlyEntriesOf(StateDictLoader.expectedShapes(original));
      assertThat(inferred.classTokenPosition()).isEqualTo(4); // 9 patches: index 9 // 2
    }
  }

  @Test
  void rejectsImagesOfAnotherSize() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionMamba model = small(32, 8).build();
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      NDArray other = manager.zeros(new Shape(1, 3, 40, 40));
      assertThatThrownBy(() -> model.extract(new ParameterStore(manager, false), other, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(B, 3, 32, 32)");
    }
  }
}
