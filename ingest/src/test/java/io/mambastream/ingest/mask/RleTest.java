package io.mambastream.ingest.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked masks: each expected value is derived in the comment beside it. */
class RleTest {

  /**
   * Rows 01 / 11 / 00: columns read 0 1 0 and 1 1 0, so runs 1 zero, 1 one, 1 zero, 2 ones, 1 zero.
   */
  private static final boolean[] THREE_BY_TWO = {false, true, true, true, false, false};

  @Test
  void encodesColumnMajorRunsStartingWithZeros() {
    Rle rle = Rle.encode(THREE_BY_TWO, 3, 2);
    assertThat(rle.counts()).containsExactly(1, 1, 1, 2, 1);
    assertThat(rle.area()).isEqualTo(3);
    // Ones in columns 0..1 and rows 0..1.
    assertThat(rle.toBbox()).containsExactly(0, 0, 2, 2);
    assertThat(rle.decode()).containsExactly(THREE_BY_TWO);
  }

  @Test
  void maskStartingWithOneHasEmptyFirstRun() {
    // 2x2, rows 10 / 00: column-major 1 0 0 0.
    Rle rle = Rle.encode(new byte[] {1, 0, 0, 0}, 2, 2);
    assertThat(rle.counts()).containsExactly(0, 1, 3);
    assertThat(rle.toBbox()).containsExactly(0, 0, 1, 1);
  }

  @Test
  void emptyMaskHasOneRunAndZeroBox() {
    Rle rle = Rle.encode(new boolean[6], 2, 3);
    assertThat(rle).isEqualTo(Rle.empty(2, 3));
    assertThat(rle.counts()).containsExactly(6);
    assertThat(rle.area()).isZero();
    assertThat(rle.toBbox()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void compressesSmallCountsToOneCharacterEach() {
    // Counts 1,1,1 are written as is; from index 3 on the delta to two before: 2-1=1, 1-1=0.
    // A value below 16 with no more groups is one character, value + 48.
    assertThat(Rle.encode(THREE_BY_TWO, 3, 2).toCompressedString()).isEqualTo("11110");
  }

  @Test
  void compressesLargeAndNegativeValues() {
    // 100 = 3·32 + 4: group 4 with the "more" bit (4 + 32 + 48 = 'T'), then 3 ('3').
    assertThat(Rle.empty(10, 10).toCompressedString()).isEqualTo("T3");
    // 16 alone would read as negative (bit 0x10 is the sign), so it takes a second group:
    // 16 + 32 + 48 = '`', then 0.
    assertThat(new Rle(4, 4, new int[] {16}).toCompressedString()).isEqualTo("`0");
    // Counts 0,5,1,2: index 3 is written as 2 - 5 = -3, whose low 5 bits are 29 with nothing
    // left (-3 >> 5 = -1 and the sign bit is set), so one character 29 + 48 = 'M'.
    Rle rle = new Rle(2, 4, new int[] {0, 5, 1, 2});
    assertThat(rle.toCompressedString()).isEqualTo("051M");
    assertThat(Rle.fromCompressedString("051M", 2, 4)).isEqualTo(rle);
  }

  @Test
  void decodesKnownStrings() {
    assertThat(Rle.fromCompressedString("T3", 10, 10).counts()).containsExactly(100);
    assertThat(Rle.fromCompressedString("`0", 4, 4).counts()).containsExactly(16);
    // 0 5 1 2 on 2x4: column-major 1 1 1 1 1 0 1 1, i.e. rows 1111 / 1101.
    assertThat(Rle.fromCompressedString("051M", 2, 4).decode())
        .containsExactly(true, true, true, true, true, true, false, true);
  }

  @Test
  void boxSpansAllRowsWhenRunWrapsIntoNextColumn() {
    // 3x2, rows 01 / 00 / 10: column-major 0 0 1 | 1 0 0, one run of two ones from row 2 of
    // column 0 to row 0 of column 1. The tight box would have rows 0..2 anyway, so pycocotools'
    // rule (a run crossing a column spans all rows) gives the same [0, 0, 2, 3].
    Rle wrapping = Rle.encode(new boolean[] {false, true, false, false, true, false}, 3, 2);
    assertThat(wrapping.counts()).containsExactly(2, 2, 2);
    assertThat(wrapping.toBbox()).containsExactly(0, 0, 2, 3);
    // 4x2, rows 00 / 00 / 10 / 01: column-major 0 0 1 0 | 0 0 0 1, runs do not cross; tight box
    // rows 2..3. Rows 00 / 01 / 00 / 10 instead: column-major 0 0 0 1 | 0 1 0 0 ... separate runs
    // again. Rows 01 / 00 / 00 / 10: column-major 0 0 0 1 | 1 0 0 0, one run crossing from row 3
    // to row 0, so all 4 rows although only rows 0 and 3 hold ones.
    Rle crossing =
        Rle.encode(new boolean[] {false, true, false, false, false, false, true, false}, 4, 2);
    assertThat(crossing.counts()).containsExactly(3, 2, 3);
    assertThat(crossing.toBbox()).containsExactly(0, 0, 2, 4);
    // Tight box of a separate-run case: rows 00 / 00 / 10 / 01, ones at (2,0) and (3,1).
    Rle separate =
        Rle.encode(new boolean[] {false, false, false, false, true, false, false, true}, 4, 2);
    assertThat(separate.counts()).containsExactly(2, 1, 4, 1);
    assertThat(separate.toBbox()).containsExactly(0, 2, 2, 2);
  }

  @Test
  void unionAndIntersection() {
    // 2x2 masks: rows 10 / 00 (column-major 1 0 0 0) and rows 11 / 01 (1 0 1 1).
    Rle a = Rle.encode(new boolean[] {true, false, false, false}, 2, 2);
    Rle b = Rle.encode(new boolean[] {true, true, false, true}, 2, 2);
    assertThat(Rle.union(List.of(a, b))).isEqualTo(b);
    assertThat(Rle.intersection(List.of(a, b))).isEqualTo(a);
    // pycocotools merge of rows 10/00 and 00/01 is "0120": counts 0 1 2 1.
    Rle c = Rle.encode(new boolean[] {false, false, false, true}, 2, 2);
    assertThat(Rle.union(List.of(a, c)).toCompressedString()).isEqualTo("0120");
    assertThat(Rle.intersection(List.of(a, c))).isEqualTo(Rle.empty(2, 2));
  }

  @Test
  void iouAsPycocotools() {
    // 2x2: a = rows 10/00 (1 pixel), b = rows 11/01 (3 pixels), overlap 1 pixel.
    Rle a = Rle.encode(new boolean[] {true, false, false, false}, 2, 2);
    Rle b = Rle.encode(new boolean[] {true, true, false, true}, 2, 2);
    assertThat(Rle.iou(a, b, false)).isEqualTo(1.0 / 3);
    // Crowd truth: union is the detection's area, 1 / 1.
    assertThat(Rle.iou(a, b, true)).isEqualTo(1.0);
    // Detection b against crowd a: 1 / 3.
    assertThat(Rle.iou(b, a, true)).isEqualTo(1.0 / 3);
    assertThat(Rle.iou(a, Rle.empty(2, 2), false)).isZero();
  }

  @Test
  void rejectsInconsistentInput() {
    assertThatThrownBy(() -> new Rle(2, 2, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 3");
    assertThatThrownBy(() -> Rle.encode(new boolean[5], 2, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rle.fromCompressedString("1~", 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'~'");
    // 'T' carries the "more" bit but nothing follows.
    assertThatThrownBy(() -> Rle.fromCompressedString("T", 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends inside");
    assertThatThrownBy(() -> Rle.union(List.of(Rle.empty(1, 2), Rle.empty(2, 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
