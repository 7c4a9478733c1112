package io.mambastream.backbones.vit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.GradientChecks;
import io.mambastream.backbones.StateDictNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VisionTransformerTest {

  private static VisionTransformer.Builder small(int imageSize) {
    return VisionTransformer.builder()
        .setEmbedDim(16)
        .setDepth(2)
        .setHeads(2)
        .optPatchSize(8)
        .optImageSize(imageSize)
        .optNumClasses(5);
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 32, 56})
  void featureMapsAndLogitsHaveTheDocumentedShapes(int imageSize) {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionTransformer model = small(imageSize).build();
      Shape images = new Shape(3, 3, imageSize, imageSize);
      model.initialize(manager, DataType.FLOAT32, images);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(images);
      FeatureMaps features = model.extract(store, x, false);
      int grid = imageSize / 8;
      assertThat(features.finest().map().getShape()).isEqualTo(new Shape(3, 16, grid, grid));
      assertThat(features.classEmbedding().orElseThrow().getShape()).isEqualTo(new Shape(3, 16));
      assertThat(model.forward(store, new NDList(x), false).singletonOrThrow().getShape())
          .isEqualTo(new Shape(3, 5));
    }
  }

  @Test
  void everyParameterReceivesAGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(4);
      VisionTransformer model = small(16).build();
      Shape images = new Shape(2, 3, 16, 16);
      model.initialize(manager, DataType.FLOAT32, images);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(images);
      NDArray target = manager.randomNormal(new Shape(2, 5));
      GradientChecks.backwardWeighted(model, store, x, target);
      // embed, 2 blocks of 12, norm, head
      GradientChecks.assertEveryParameterHasAGradient(model, 4 + 2 * 12 + 2 + 2);
    }
  }

  @Test
  void tinyPresetHasTimmNamesAndTheDeitTinyParameterCount() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionTransformer model = VisionTransformer.builder().tiny().build();
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      Map<String, Parameter> p = StateDictNames.of(model);
      assertThat(p.get("blocks.11.attn.qkv.weight").getShape()).isEqualTo(new Shape(576, 192));
      assertThat(p.get("blocks.0.mlp.fc1.weight").getShape()).isEqualTo(new Shape(768, 192));
      assertThat(p).containsKeys("cls_token", "pos_embed", "norm.weight", "norm.bias", "head.bias");
      // Per block: norms 2·384, qkv 192·576 + 576, proj 192·192 + 192, fc1 192·768 + 768,
      // fc2 768·192 + 192 = 444,864; ×12 = 5,338,368. Plus patch embed 147,648, cls 192,
      // pos 37,824, norm 384, head 193,000: 5,717,416, DeiT-Ti's published 5.7M.
      long count = p.values().stream().mapToLong(v -> v.getArray().size()).sum();
      assertThat(count).isEqualTo(5_717_416L);
    }
  }
}
