package io.mambastream.backbones.mamba;

/** Cache-friendly transposes of row-major float blocks, in square tiles. */
final class Transpose {
  private static final int TILE = 16;

  private Transpose() {}

  /**
   * Writes the transpose of a (rows, columns) block: {@code to[toOffset + c·rows + r] =
   * from[fromOffset + r·fromRowStride + c]}.
   *
   * @param from the source
   * @param fromOffset where the block's first row starts in {@code from}
   * @param fromRowStride the distance between the starts of two rows in {@code from}
   * @param rows the block's row count
   * @param columns the block's column count
   * @param to receives the (columns, rows) transpose, dense
   * @param toOffset where the transpose starts in {@code to}
   */
  static void block(
      float[] from,
      int fromOffset,
      int fromRowStride,
      int rows,
      int columns,
      float[] to,
      int toOffset) {
    for (int r0 = 0; r0 < rows; r0 += TILE) {
      int r1 = Math.min(rows, r0 + TILE);
      for (int c0 = 0; c0 < columns; c0 += TILE) {
        int c1 = Math.min(columns, c0 + TILE);
        for (int c = c0; c < c1; c++) {
          for (int r = r0; r < r1; r++) {
            to[toOffset + c * rows + r] = from[fromOffset + r * fromRowStride + c];
          }
        }
      }
    }
  }
}
