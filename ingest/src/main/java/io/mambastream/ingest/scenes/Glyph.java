package io.mambastream.ingest.scenes;

import io.mambastream.ingest.fashion.FashionMnist;

/**
 * A Fashion-MNIST image scaled to {@code side}×{@code side} pixels by bilinear interpolation: its
 * mask (where the interpolated intensity reaches {@link #MASK_THRESHOLD}) and the tinted colour of
 * every masked pixel. Items are opaque inside their mask, so occlusion is exact: the nearest item
 * whose mask covers a pixel owns it.
 *
 * @param side rows and columns
 * @param mask row-major, {@code side²} entries
 * @param rgb row-major colours, 3 bytes per pixel (meaningful where {@code mask} is set)
 * @param pixels the number of mask pixels
 */
record Glyph(int side, boolean[] mask, byte[] rgb, int pixels) {
  /** Intensity (0..255) from which an interpolated pixel belongs to the item. */
  static final double MASK_THRESHOLD = 24;

  /** Shade of the darkest item pixel relative to its tint (the brightest is the tint itself). */
  private static final double MIN_SHADE = 0.3;

  /** Scales item {@code index} of {@code items} to {@code side} pixels and tints it. */
  static Glyph of(FashionMnist items, int index, int side, Rgb tint) {
    boolean[] mask = new boolean[side * side];
    byte[] rgb = new byte[side * side * 3];
    int pixels = 0;
    double step = (double) FashionMnist.SIDE / side;
    for (int v = 0; v < side; v++) {
      double sy = (v + 0.5) * step - 0.5;
      for (int u = 0; u < side; u++) {
        double sx = (u + 0.5) * step - 0.5;
        double intensity = bilinear(items, index, sx, sy);
        if (intensity >= MASK_THRESHOLD) {
          int i = v * side + u;
          mask[i] = true;
          pixels++;
          double shade = MIN_SHADE + (1 - MIN_SHADE) * intensity / 255;
          rgb[3 * i] = (byte) Rgb.channel(tint.r() * shade);
          rgb[3 * i + 1] = (byte) Rgb.channel(tint.g() * shade);
          rgb[3 * i + 2] = (byte) Rgb.channel(tint.b() * shade);
        }
      }
    }
    return new Glyph(side, mask, rgb, pixels);
  }

  /** Bilinear intensity at source position (sx, sy); pixels outside the image count as 0. */
  private static double bilinear(FashionMnist items, int index, double sx, double sy) {
    int x0 = (int) StrictMath.floor(sx);
    int y0 = (int) StrictMath.floor(sy);
    double fx = sx - x0;
    double fy = sy - y0;
    double top = at(items, index, x0, y0) * (1 - fx) + at(items, index, x0 + 1, y0) * fx;
    double bottom = at(items, index, x0, y0 + 1) * (1 - fx) + at(items, index, x0 + 1, y0 + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  }

  private static int at(FashionMnist items, int index, int x, int y) {
    if (x < 0 || y < 0 || x >= FashionMnist.SIDE || y >= FashionMnist.SIDE) {
      return 0;
    }
    return items.pixel(index, y, x);
  }
}
