package io.mambastream.heads.eval.miou;

/**
 * One label image: a class id per pixel, row-major.
 *
 * @param width image width
 * @param height image height
 * @param labels width·height raw label values, row by row
 */
public record LabelMap(int width, int height, int[] labels) {

  /** Checks that the labels fill the image. */
  public LabelMap {
    if (width < 0 || height < 0 || labels.length != width * height) {
      throw new IllegalArgumentException(
          "expected " + width + "×" + height + " labels, got " + labels.length);
    }
  }
}
