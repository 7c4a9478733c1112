package io.mambastream.backbones.scan;

/** A corner of the token grid, where a zig-zag path starts. */
public enum Corner {
  /** Row 0, column 0. */
  TOP_LEFT(false, false),
  /** Row 0, column W − 1. */
  TOP_RIGHT(false, true),
  /** Row H − 1, column 0. */
  BOTTOM_LEFT(true, false),
  /** Row H − 1, column W − 1. */
  BOTTOM_RIGHT(true, true);

  private final boolean bottom;
  private final boolean right;

  Corner(boolean bottom, boolean right) {
    this.bottom = bottom;
    this.right = right;
  }

  /** Returns the corner's row on an H-row grid. */
  public int row(int height) {
    return bottom ? height - 1 : 0;
  }

  /** Returns the corner's column on a W-column grid. */
  public int col(int width) {
    return right ? width - 1 : 0;
  }
}
