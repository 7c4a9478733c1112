package io.mambastream.backbones.scan;

/**
 * The token layout of a backbone: an H×W grid of patch tokens in row-major order, plus an optional
 * class token inserted at index {@code classIndex} of the sequence.
 *
 * <p>Layout index of grid cell {@code c = row·W + col}: {@code c} before the class token, {@code c
 * + 1} after it. DeiT puts the class token first ({@code classIndex = 0}); Vim inserts it in the
 * middle, at index M/2 of the M = H·W patch tokens ({@link #withMiddleClassToken()}).
 *
 * @param height grid rows H (at least 1)
 * @param width grid columns W (at least 1)
 * @param classIndex layout index of the class token, in [0, H·W], or -1 for none
 */
public record TokenGrid(int height, int width, int classIndex) {

  /** Checks the sizes and the class token index. */
  public TokenGrid {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "a token grid needs at least one row and column, got " + height + "×" + width);
    }
    if (classIndex < -1 || classIndex > height * width) {
      throw new IllegalArgumentException(
          "class token index must be in [0, " + height * width + "] or -1, got " + classIndex);
    }
  }

  /** Returns an H×W grid without a class token. */
  public static TokenGrid of(int height, int width) {
    return new TokenGrid(height, width, -1);
  }

  /** Returns this grid with the class token at layout index {@code index}. */
  public TokenGrid withClassToken(int index) {
    return new TokenGrid(height, width, index);
  }

  /** Returns this grid with the class token in the middle, at M/2 of the M patch tokens (Vim). */
  public TokenGrid withMiddleClassToken() {
    return withClassToken(cells() / 2);
  }

  /** Returns whether the layout holds a class token. */
  public boolean hasClassToken() {
    return classIndex >= 0;
  }

  /** Returns the number of grid cells H·W. */
  public int cells() {
    return height * width;
  }

  /** Returns the sequence length L: H·W, plus one with a class token. */
  public int length() {
    return cells() + (hasClassToken() ? 1 : 0);
  }

  /** Returns the layout index of grid cell {@code cell} (row-major cell id). */
  public int tokenOfCell(int cell) {
    return hasClassToken() && cell >= classIndex ? cell + 1 : cell;
  }

  /**
   * Returns the grid cell (row-major id) of layout index {@code token}, or -1 for the class token.
   */
  public int cellOfToken(int token) {
    if (!hasClassToken() || token < classIndex) {
      return token;
    }
    return token == classIndex ? -1 : token - 1;
  }

  /** Returns the layout index of the cell at {@code row}, {@code col}. */
  public int tokenAt(int row, int col) {
    return tokenOfCell(row * width + col);
  }

  /**
   * Turns a kept-mask over the H·W grid cells (row-major) into one over the L layout tokens; the
   * class token, if any, is always kept (token pruning never drops it).
   *
   * @throws IllegalArgumentException unless {@code keptCells} has H·W entries
   */
  public boolean[] layoutMask(boolean[] keptCells) {
    if (keptCells.length != cells()) {
      throw new IllegalArgumentException(
          "expected a mask over " + cells() + " cells, got " + keptCells.length);
    }
    boolean[] kept = new boolean[length()];
    for (int cell = 0; cell < keptCells.length; cell++) {
      kept[tokenOfCell(cell)] = keptCells[cell];
    }
    if (hasClassToken()) {
      kept[classIndex] = true;
    }
    return kept;
  }
}
