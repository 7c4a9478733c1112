package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.scan.TokenGrid;
import org.junit.jupiter.api.Test;

class PatchEmbedTest {

  private final PatchEmbed embed = new PatchEmbed(3, 8, 4);

  @Test
  void gridOfDividesHeightAndWidthByThePatchSize() {
    assertThat(embed.gridOf(new Shape(2, 3, 8, 12))).isEqualTo(TokenGrid.of(2, 3));
  }

  @Test
  void gridOfRejectsOtherChannelsSizesAndRanks() {
    for (Shape bad :
        new Shape[] {
          new Shape(2, 1, 8, 8), new Shape(2, 3, 6, 8), new Shape(2, 3, 8, 0), new Shape(3, 8, 8)
        }) {
      assertThatThrownBy(() -> embed.gridOf(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "images must be (B, 3, H, W) with H and W positive multiples of 4, got " + bad);
    }
  }

  @Test
  void checkSquareAcceptsOnlyTheConfiguredSize() {
    embed.checkSquare(new Shape(5, 3, 16, 16), 16);
    assertThatThrownBy(() -> embed.checkSquare(new Shape(5, 3, 16, 12), 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("images must be (B, 3, 16, 16), got (5, 3, 16, 12)");
  }
}
