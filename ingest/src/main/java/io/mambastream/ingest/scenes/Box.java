package io.mambastream.ingest.scenes;

/**
 * An axis-aligned box in whole pixels: columns {@code x .. x+w-1}, rows {@code y .. y+h-1} (COCO's
 * {@code [x, y, w, h]}). The empty box is {@code (0, 0, 0, 0)}.
 */
public record Box(int x, int y, int w, int h) {
  /** The box of no pixels. */
  public static final Box EMPTY = new Box(0, 0, 0, 0);

  /** Whether the box holds no pixel. */
  public boolean isEmpty() {
    return w <= 0 || h <= 0;
  }

  /** Whether pixel (column, row) lies in the box. */
  public boolean contains(int column, int row) {
    return column >= x && column < x + w && row >= y && row < y + h;
  }

  /** The box as COCO's {@code [x, y, w, h]}. */
  public double[] toXywh() {
    return new double[] {x, y, w, h};
  }
}
