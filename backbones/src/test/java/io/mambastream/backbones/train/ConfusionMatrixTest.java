package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

  // Truth 0 0 1 1 2 2 2 against predictions 0 1 1 1 2 0 2: rows (truth) [1 1 0], [0 2 0], [1 0 2].
  private final ConfusionMatrix matrix =
      ConfusionMatrix.of(3, new int[] {0, 0, 1, 1, 2, 2, 2}, new int[] {0, 1, 1, 1, 2, 0, 2});

  @Test
  void countsPairsByTrueRowAndPredictedColumn() {
    assertThat(matrix.rows()).isDeepEqualTo(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 2}});
    assertThat(matrix.items()).isEqualTo(7);
    assertThat(matrix.correct()).isEqualTo(5);
    assertThat(matrix.accuracy()).isCloseTo(5.0 / 7, within(1e-15));
    assertThat(matrix.support(2)).isEqualTo(3);
  }

  @Test
  void perClassRecallAndPrecisionMatchTheHandComputedValues() {
    assertThat(matrix.recall(0)).isEqualTo(0.5);
    assertThat(matrix.recall(1)).isEqualTo(1.0);
    assertThat(matrix.recall(2)).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(matrix.precision(0)).isEqualTo(0.5); // column 0: 1 + 0 + 1
    assertThat(matrix.precision(1)).isCloseTo(2.0 / 3, within(1e-15)); // column 1: 1 + 2 + 0
    assertThat(matrix.precision(2)).isEqualTo(1.0);
  }

  @Test
  void classesWithoutItemsOrPredictionsHaveNaN() {
    ConfusionMatrix m = ConfusionMatrix.of(3, new int[] {0, 0}, new int[] {0, 1});
    assertThat(m.recall(2)).isNaN();
    assertThat(m.precision(2)).isNaN();
    assertThat(ConfusionMatrix.of(0, new int[0], new int[0]).accuracy()).isNaN();
  }

  @Test
  void rowsAreACopy() {
    matrix.rows()[0][0] = 99;
    assertThat(matrix.count(0, 0)).isEqualTo(1);
  }

  @Test
  void refusesMismatchedOrOutOfRangeLabels() {
    assertThatThrownBy(() -> ConfusionMatrix.of(3, new int[] {0}, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 true labels but 2 predictions");
    assertThatThrownBy(() -> ConfusionMatrix.of(3, new int[] {3}, new int[] {0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("true label 3 outside [0, 3)");
    assertThatThrownBy(() -> ConfusionMatrix.of(3, new int[] {0}, new int[] {-1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("predicted label -1");
  }
}
