package io.mambastream.ingest.mask;

import java.util.Arrays;

/**
 * Rasterises polygons and boxes to {@link Rle} masks exactly as pycocotools' {@code rleFrPoly} and
 * {@code rleFrBbox} do, rounding included, so that segmentation IoUs agree to the bit.
 *
 * <p>The algorithm: vertices are scaled by 5 and rounded ({@code (int)(5·v + 0.5)}, truncation
 * toward zero); the closed outline is walked densely, one point per unit step along its major axis;
 * wherever the walk crosses from one upsampled column to the next at the centre of an original
 * pixel column, the crossing row is mapped back down ({@code (v + 0.5) / 5 − 0.5}, clamped to [0,
 * h], rounded up) and marks a switch between background and foreground in that column. The sorted
 * switch positions, differenced, are the run lengths.
 */
public final class PolygonMask {
  private static final double SCALE = 5;

  private PolygonMask() {}

  /**
   * Returns the mask of the polygon {@code xy = [x0, y0, x1, y1, ...]} in an h×w image; an odd
   * trailing coordinate is dropped, as pycocotools drops it.
   */
  public static Rle fromPolygon(double[] xy, int h, int w) {
    int k = xy.length / 2;
    if (k == 0) {
      return Rle.empty(h, w);
    }
    // 1. Upsample the vertices and close the outline.
    int[] x = new int[k + 1];
    int[] y = new int[k + 1];
    for (int j = 0; j < k; j++) {
      x[j] = cInt(SCALE * xy[2 * j] + .5);
      y[j] = cInt(SCALE * xy[2 * j + 1] + .5);
    }
    x[k] = x[0];
    y[k] = y[0];

    // 2. Walk each edge densely, one point per unit step along its longer axis.
    int points = 0;
    for (int j = 0; j < k; j++) {
      points += Math.max(Math.abs(x[j] - x[j + 1]), Math.abs(y[j] - y[j + 1])) + 1;
    }
    int[] u = new int[points];
    int[] v = new int[points];
    int n = 0;
    for (int j = 0; j < k; j++) {
      int xs = x[j];
      int xe = x[j + 1];
      int ys = y[j];
      int ye = y[j + 1];
      int dx = Math.abs(xe - xs);
      int dy = Math.abs(ys - ye);
      boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
      if (flip) {
        int swap = xs;
        xs = xe;
        xe = swap;
        swap = ys;
        ys = ye;
        ye = swap;
      }
      // 0/0 gives NaN for a repeated vertex, as in C; that point's row is never read.
      double slope = dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
      if (dx >= dy) {
        for (int d = 0; d <= dx; d++) {
          int t = flip ? dx - d : d;
          u[n] = t + xs;
          v[n] = cInt(ys + slope * t + .5);
          n++;
        }
      } else {
        for (int d = 0; d <= dy; d++) {
          int t = flip ? dy - d : d;
          v[n] = t + ys;
          u[n] = cInt(xs + slope * t + .5);
          n++;
        }
      }
    }

    // 3. Keep the column crossings that sit on original pixel centres, and downsample them.
    long[] switches = new long[n + 1];
    int m = 0;
    for (int j = 1; j < n; j++) {
      if (u[j] == u[j - 1]) {
        continue;
      }
      double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
      xd = (xd + .5) / SCALE - .5;
      if (Math.floor(xd) != xd || xd < 0 || xd > w - 1) {
        continue;
      }
      double yd = Math.min(v[j], v[j - 1]);
      yd = (yd + .5) / SCALE - .5;
      if (yd < 0) {
        yd = 0;
      } else if (yd > h) {
        yd = h;
      }
      yd = Math.ceil(yd);
      switches[m++] = (long) (int) xd * h + (int) yd;
    }
    switches[m++] = (long) h * w;

    // 4. Sort the switch positions; their differences are the runs, empty runs folded away.
    Arrays.sort(switches, 0, m);
    long previous = 0;
    for (int j = 0; j < m; j++) {
      long position = switches[j];
      switches[j] -= previous;
      previous = position;
    }
    int[] runs = new int[m];
    int r = 0;
    int j = 0;
    runs[r++] = (int) switches[j++];
    while (j < m) {
      if (switches[j] > 0) {
        runs[r++] = (int) switches[j++];
      } else {
        j++;
        if (j < m) {
          runs[r - 1] += (int) switches[j++];
        }
      }
    }
    return new Rle(h, w, Arrays.copyOf(runs, r));
  }

  /**
   * Returns the mask of box {@code [x, y, w, h]} in an h×w image: the polygon of its four corners
   * (pycocotools' {@code rleFrBbox}).
   */
  public static Rle fromBox(double[] box, int h, int w) {
    double xs = box[0];
    double xe = xs + box[2];
    double ys = box[1];
    double ye = ys + box[3];
    return fromPolygon(new double[] {xs, ys, xs, ye, xe, ye, xe, ys}, h, w);
  }

  /**
   * C's {@code (int)} of a double on x86-64: truncation toward zero, and INT_MIN for NaN or values
   * out of range (where Java would give 0 or saturate).
   */
  static int cInt(double value) {
    if (Double.isNaN(value) || value >= 0x1p31 || value <= -0x1p31 - 1) {
      return Integer.MIN_VALUE;
    }
    return (int) value;
  }
}
