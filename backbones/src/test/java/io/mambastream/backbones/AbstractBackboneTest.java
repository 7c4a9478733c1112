package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.plainmamba.PlainMamba;
import io.mambastream.backbones.vit.VisionTransformer;
import org.junit.jupiter.api.Test;

class AbstractBackboneTest {

  @Test
  void aBackboneWithoutClassesHasNoHeadAndNamesItsClassWhenAskedToClassify() {
    AbstractBackbone vit =
        VisionTransformer.builder()
            .setEmbedDim(6)
            .setDepth(1)
            .setHeads(2)
            .optImageSize(8)
            .optPatchSize(4)
            .optNumClasses(0)
            .build();
    AbstractBackbone plain =
        PlainMamba.builder()
            .setEmbedDim(6)
            .setDepth(1)
            .optImageSize(8)
            .optPatchSize(4)
            .optNumClasses(0)
            .build();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (AbstractBackbone backbone : new AbstractBackbone[] {vit, plain}) {
        assertThat(backbone.numClasses()).isZero();
        assertThat(backbone.getOutputShapes(new Shape[] {new Shape(5, 3, 8, 8)}))
            .containsExactly(new Shape(5, 0));
        FeatureMaps features =
            FeatureMaps.single(new FeatureMap(manager.zeros(new Shape(1, 6, 2, 2)), 4), null);
        assertThatThrownBy(
                () -> backbone.classify(new ParameterStore(manager, false), features, false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage(
                "this " + backbone.getClass().getSimpleName() + " has no head (numClasses = 0)");
      }
    }
  }
}
