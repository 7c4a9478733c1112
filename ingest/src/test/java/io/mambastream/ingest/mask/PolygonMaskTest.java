package io.mambastream.ingest.mask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Polygons worked by hand. Pixel (column c, row r) has its centre at (c + ½, r + ½); a pixel is set
 * when its centre lies inside the outline after the vertices are snapped to a 1/5-pixel grid (round
 * half up). Counts run down the columns, zeros first.
 */
class PolygonMaskTest {

  /**
   * Box [1, 1, 2, 2] in a 4×4 image spans x, y ∈ [1, 3]: the centres 1.5 and 2.5 fall inside, so
   * columns 1-2, rows 1-2. Column-major: 4 + 1 zeros, 2 ones, 1 + 1 zeros, 2 ones, 1 + 4 zeros.
   */
  @Test
  void boxCoversThePixelsWhoseCentresItContains() {
    assertThat(PolygonMask.fromBox(new double[] {1, 1, 2, 2}, 4, 4).counts())
        .containsExactly(5, 2, 2, 2, 5);
  }

  /**
   * Box [1.2, 0.6, 1.5, 2.9] spans y ∈ [0.6, 3.5]. The bottom edge 3.5 snaps to (int)(5 · 3.5 +
   * 0.5) / 5 = 18 / 5 = 3.6, so the centre 3.5 of row 3 is inside: rows 1-3 (not 1-2), columns 1-2
   * (x ∈ [1.2, 2.7] holds 1.5 and 2.5). Counts: 5 zeros, 3 ones, 1 zero, 3 ones, 4 zeros.
   */
  @Test
  void verticesSnapToAFifthOfAPixelRoundingHalfUp() {
    assertThat(PolygonMask.fromBox(new double[] {1.2, 0.6, 1.5, 2.9}, 4, 4).counts())
        .containsExactly(5, 3, 1, 3, 4);
  }

  /**
   * Triangle (0,0), (4,0), (0,4): centre (c + ½, r + ½) is inside when c + r + 1 < 4; centres on
   * the hypotenuse (c + r = 3) stay out. Column 0 rows 0-2, column 1 rows 0-1, column 2 row 0.
   */
  @Test
  void triangleLeavesCentresOnItsEdgeOut() {
    assertThat(PolygonMask.fromPolygon(new double[] {0, 0, 4, 0, 0, 4}, 4, 4).counts())
        .containsExactly(0, 3, 1, 2, 2, 1, 7);
  }

  /** Parts outside the image are clipped: a box over the whole image and beyond fills it. */
  @Test
  void outlineOutsideTheImageIsClipped() {
    assertThat(PolygonMask.fromBox(new double[] {-5, -5, 20, 20}, 3, 2).counts())
        .containsExactly(0, 6);
  }

  /** Fewer than one vertex (an empty list or a lone coordinate) gives an empty mask. */
  @Test
  void noVertexGivesEmptyMask() {
    assertThat(PolygonMask.fromPolygon(new double[] {3}, 2, 2).counts()).containsExactly(4);
  }

  /** C's (int) cast: truncation toward zero, INT_MIN for NaN and out-of-range values. */
  @Test
  void castFollowsC() {
    assertThat(PolygonMask.cInt(-1.8)).isEqualTo(-1);
    assertThat(PolygonMask.cInt(2.99)).isEqualTo(2);
    assertThat(PolygonMask.cInt(Double.NaN)).isEqualTo(Integer.MIN_VALUE);
    assertThat(PolygonMask.cInt(1e12)).isEqualTo(Integer.MIN_VALUE);
  }
}
