package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassifierConfigTest {

  private static final ClassifierConfig VIM = ClassifierConfig.preset("vim-tiny");

  @Test
  void eachWitherChangesItsComponentOnly() {
    assertThat(VIM.withEmbedDim(64))
        .isEqualTo(new ClassifierConfig("vim", 64, 24, 4, 16, 0, 28, 1, 10, -1));
    assertThat(VIM.withDepth(8))
        .isEqualTo(new ClassifierConfig("vim", 192, 8, 4, 16, 0, 28, 1, 10, -1));
    assertThat(VIM.withPatchSize(7))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 7, 16, 0, 28, 1, 10, -1));
    assertThat(VIM.withDState(8))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 8, 0, 28, 1, 10, -1));
    assertThat(VIM.withHeads(2))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 16, 2, 28, 1, 10, -1));
    assertThat(VIM.withClassTokenPosition(0))
        .isEqualTo(new ClassifierConfig("vim", 192, 24, 4, 16, 0, 28, 1, 10, 0));
    assertThat(VIM).isEqualTo(ClassifierConfig.preset("vim")); // unchanged by the copies
  }

  @Test
  void presetsAreTheDocumentedSizesAndUnknownNamesListTheKnownOnes() {
    assertThat(ClassifierConfig.preset("vit-small"))
        .isEqualTo(new ClassifierConfig("vit", 384, 12, 4, 0, 6, 28, 1, 10, -1));
    assertThatThrownBy(() -> ClassifierConfig.preset("resnet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vim-tiny, vim-small, vit-tiny, vit-small");
    assertThatThrownBy(() -> new ClassifierConfig("cnn", 1, 1, 1, 0, 0, 28, 1, 10, -1))
        .hasMessageContaining("architecture must be vim or vit");
  }
}
