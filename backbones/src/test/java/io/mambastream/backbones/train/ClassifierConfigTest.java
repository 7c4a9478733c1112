package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.ssm.ChunkedScan;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierConfigTest {

  private static final ClassifierConfig VIM = ClassifierConfig.preset("vim-tiny");

  @Test
  void eachWitherChangesItsComponentOnly() {
    assertThat(VIM.withEmbedDim(64))
        .isEqualTo(new ClassifierConfig("vim", 64, 24, 4, 16, 0, 28, 1, 10, -1, false, List.of()));
    assertThat(VIM.withDepth(8))
        .isEqualTo(new ClassifierConfig("vim", 192, 8, 4, 16, 0, 28, 1, 10, -1, false, List.of()));
    assertThat(VIM.withPatchSize(7))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 7, 16, 0, 28, 1, 10, -1, false, List.of()));
    assertThat(VIM.withDState(8))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 8, 0, 28, 1, 10, -1, false, List.of()));
    assertThat(VIM.withHeads(2))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 16, 2, 28, 1, 10, -1, false, List.of()));
    assertThat(VIM.withClassTokenPosition(0))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 16, 0, 28, 1, 10, 0, false, List.of()));
    assertThat(VIM.withConvStem(true))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 16, 0, 28, 1, 10, -1, true, List.of()));
    assertThat(VIM).isEqualTo(ClassifierConfig.preset("vim")); // unchanged by the copies
  }

  @Test
  void presetsAreTheDocumentedSizesAndUnknownNamesListTheKnownOnes() {
    assertThat(ClassifierConfig.preset("vit-small"))
        .isEqualTo(new ClassifierConfig("vit", 384, 12, 4, 0, 6, 28, 1, 10, -1, false, List.of()));
    assertThatThrownBy(() -> ClassifierConfig.preset("resnet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vim-tiny, vim-small, vit-tiny, vit-small");
    assertThatThrownBy(
            () -> new ClassifierConfig("cnn", 1, 1, 1, 0, 0, 28, 1, 10, -1, false, List.of()))
        .hasMessageContaining("architecture must be one of [vim, vit, plainmamba, vmamba]");
  }

  @Test
  void vmambaPresetIsVMambaTAndItsStagesAreChecked() {
    ClassifierConfig vmamba = ClassifierConfig.preset("vmamba-tiny");
    assertThat(vmamba)
        .isEqualTo(
            new ClassifierConfig(
                "vmamba", 96, 11, 4, 1, 0, 28, 1, 10, -1, false, List.of(2, 2, 5, 2)));
    assertThat(vmamba.withStageDepths(2, 2, 4).depth()).isEqualTo(8);
    assertThatThrownBy(() -> vmamba.withDepth(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depth = the sum of its stage depths (11)");
    assertThatThrownBy(() -> vmamba.withPatchSize(7)).hasMessageContaining("patch 4");
    assertThatThrownBy(() -> vmamba.withConvStem(true)).hasMessageContaining("no conv stem");
    assertThatThrownBy(() -> vmamba.withStageDepths(2, 0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> VIM.withStageDepths(2, 2))
        .hasMessageContaining("stage depths are for vmamba only, not vim");
    assertThat(ClassifierConfig.preset("plainmamba"))
        .isEqualTo(
            new ClassifierConfig("plainmamba", 192, 24, 4, 16, 0, 28, 1, 10, -1, false, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plainmamba", "vmamba"})
  void plainMambaAndVMambaConfigsBuildTheirBackboneAndSurviveTheCard(String architecture)
      throws IOException {
    ClassifierConfig config = ClassifierTrainerTest.tinyOther(architecture);
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone model = config.build(new ChunkedScan());
      model.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
      assertThat(model.getClass().getSimpleName().toLowerCase(Locale.ROOT)).isEqualTo(architecture);
    }
    String json =
        new ObjectMapper()
            .writeValueAsString(
                new ModelCard("m", config, List.of("a"), 0.5, 0.25, Map.of(), Map.of()));
    ModelCard read = new ObjectMapper().readValue(json, ModelCard.class);
    assertThat(read.config()).isEqualTo(config);
    // Cards of the other architectures keep the old shape, so older readers still take them.
    assertThat(new ObjectMapper().writeValueAsString(VIM)).doesNotContain("stageDepths");
  }

  @Test
  void aStateDictOfNeitherVimNorVitIsRefusedWithTheWayToLoadTheOthers() {
    assertThatThrownBy(
            () -> ClassifierConfig.infer(Map.of("layers.0.mamba.A_logs", new Shape(4, 2)), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a Vim")
        .hasMessageContaining("--model DIR");
  }

  @Test
  void theVMambaTPresetRunsOnFashionImages() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone model = ClassifierConfig.preset("vmamba-tiny").build(new ChunkedScan());
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      NDArray logits =
          model
              .forward(
                  new ParameterStore(manager, false),
                  new NDList(manager.randomNormal(new Shape(1, 1, 28, 28))),
                  false)
              .singletonOrThrow();
      assertThat(logits.getShape()).isEqualTo(new Shape(1, 10)); // grids 7, 4, 2, 1; state 1
    }
  }

  @Test
  void aCardWrittenBeforeStageDepthsReadsWithNone() throws IOException {
    String old =
        "{\"architecture\":\"vim\",\"embedDim\":16,\"depth\":2,\"patchSize\":7,\"dState\":4,"
            + "\"heads\":0,\"imageSize\":28,\"inChannels\":1,\"numClasses\":10,"
            + "\"classTokenPosition\":-1,\"convStem\":false}";
    ClassifierConfig config = new ObjectMapper().readValue(old, ClassifierConfig.class);
    assertThat(config.stageDepths()).isEmpty();
    assertThat(config.architecture()).isEqualTo("vim");
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
