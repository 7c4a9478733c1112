package io.mambastream.heads.eval.coco;

/**
 * The four object-size ranges of COCO, on the annotation's {@code area} in pixels².
 *
 * <p>As in pycocotools, both bounds are inclusive: an object of area exactly 32² = 1024 is both
 * small and medium, one of exactly 96² = 9216 both medium and large.
 */
public enum AreaRange {
  ALL("all", 0, 1e5 * 1e5),
  SMALL("small", 0, 32 * 32),
  MEDIUM("medium", 32 * 32, 96 * 96),
  LARGE("large", 96 * 96, 1e5 * 1e5);

  private final String label;
  private final double low;
  private final double high;

  AreaRange(String label, double low, double high) {
    this.label = label;
    this.low = low;
    this.high = high;
  }

  /** Returns the label pycocotools prints ({@code all}, {@code small}, ...). */
  public String label() {
    return label;
  }

  /** Returns whether {@code area} lies in {@code [low, high]}, bounds included. */
  public boolean contains(double area) {
    return !(area < low || area > high);
  }
}
