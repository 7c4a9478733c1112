package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.ssm.ChunkedScan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierConfigTest {

  private static final ClassifierConfig VIM = ClassifierConfig.preset("vim-tiny");

  @Test
  void eachWitherChangesItsComponentOnly() {
    assertThat(VIM.withEmbedDim(64))
        .isEqualTo(new ClassifierConfig("vim", 64, 24, 4, 16, 0, 28, 1, 10, -1, false));
    assertThat(VIM.withDepth(8))
        .isEqualTo(new ClassifierConfig("vim", 192, 8, 4, 16, 0, 28, 1, 10, -1, false));
    assertThat(VIM.withPatchSize(7))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 7, 16, 0, 28, 1, 10, -1, false));
    assertThat(VIM.withDState(8))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 8, 0, 28, 1, 10, -1, false));
    assertThat(VIM.withHeads(2))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 16, 2, 28, 1, 10, -1, false));
    assertThat(VIM.withClassTokenPosition(0))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 16, 0, 28, 1, 10, 0, false));
    assertThat(VIM.withConvStem(true))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 16, 0, 28, 1, 10, -1, true));
    assertThat(VIM).isEqualTo(ClassifierConfig.preset("vim")); // unchanged by the copies
  }

  @Test
  void presetsAreTheDocumentedSizesAndUnknownNamesListTheKnownOnes() {
    assertThat(ClassifierConfig.preset("vit-small"))
        .isEqualTo(new ClassifierConfig("vit", 384, 12, 4, 0, 6, 28, 1, 10, -1, false));
    assertThatThrownBy(() -> ClassifierConfig.preset("resnet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vim-tiny, vim-small, vit-tiny, vit-small");
    assertThatThrownBy(() -> new ClassifierConfig("cnn", 1, 1, 1, 0, 0, 28, 1, 10, -1, false))
        .hasMessageContaining("architecture must be vim or vit");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vim", "vit"})
  void aConvStemModelIsInferredBackFromItsStateDict(String architecture) {
    // ViT's heads are inferred as D / 64, so D 64 with 1 head reads back exactly.
    ClassifierConfig config =
        ClassifierConfig.preset(architecture)
            .withEmbedDim(64)
            .withDepth(2)
            .withDState("vim".equals(architecture) ? 4 : 0)
            .withHeads("vim".equals(architecture) ? 0 : 1)
            .withConvStem(true);
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone model = config.build(new ChunkedScan());
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      Map<String, Shape> shapes = new LinkedHashMap<>();
      StateDictNames.of(model).forEach((name, p) -> shapes.put(name, p.getArray().getShape()));
      assertThat(shapes)
          .containsEntry("patch_embed.stem.weight", new Shape(16, 1, 3, 3))
          .containsEntry("patch_embed.proj.weight", new Shape(64, 16, 2, 2));
      assertThat(ClassifierConfig.infer(shapes, -1)).isEqualTo(config);
    }
  }
}
