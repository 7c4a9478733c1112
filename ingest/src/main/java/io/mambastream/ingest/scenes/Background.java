package io.mambastream.ingest.scenes;

/**
 * The static background of one clip: an RGB image (row-major, 3 bytes per pixel) drawn once from
 * the clip's random generator.
 *
 * @param kind which procedure drew it
 * @param rgb the pixels, {@code width·height·3} bytes; not copied, do not modify
 */
public record Background(BackgroundKind kind, byte[] rgb) {

  /** Draws a background of a random kind. */
  static Background draw(SceneRandom random, int width, int height) {
    BackgroundKind kind = BackgroundKind.values()[random.between(0, 2)];
    Rgb a = Rgb.random(random, 0.1, 0.15, 0.95);
    Rgb b = Rgb.random(random, 0.1, 0.15, 0.95);
    double[] level =
        switch (kind) {
          case GRADIENT -> gradient(random, width, height);
          case NOISE -> noise(random, width, height);
          case STRIPES -> stripes(random, width, height);
        };
    byte[] rgb = new byte[width * height * 3];
    for (int i = 0; i < level.length; i++) {
      double t = level[i];
      rgb[3 * i] = (byte) Rgb.channel(a.r() + (b.r() - a.r()) * t);
      rgb[3 * i + 1] = (byte) Rgb.channel(a.g() + (b.g() - a.g()) * t);
      rgb[3 * i + 2] = (byte) Rgb.channel(a.b() + (b.b() - a.b()) * t);
    }
    return new Background(kind, rgb);
  }

  /** Blend weights 0..1 growing along a random direction across the frame. */
  private static double[] gradient(SceneRandom random, int width, int height) {
    double angle = random.uniform(0, 2 * StrictMath.PI);
    double dx = StrictMath.cos(angle);
    double dy = StrictMath.sin(angle);
    // Projections of the corners bound the projection of every pixel.
    double lo = Math.min(0, dx * (width - 1)) + Math.min(0, dy * (height - 1));
    double hi = Math.max(0, dx * (width - 1)) + Math.max(0, dy * (height - 1));
    double span = Math.max(hi - lo, 1e-9);
    double[] level = new double[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        level[y * width + x] = (dx * x + dy * y - lo) / span;
      }
    }
    return level;
  }

  /** Value noise on a grid of 16..64 px cells, smoothly interpolated, plus ±6% grain. */
  private static double[] noise(SceneRandom random, int width, int height) {
    int cell = random.between(16, 64);
    int gw = width / cell + 2;
    int gh = height / cell + 2;
    double[] grid = new double[gw * gh];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = random.nextDouble();
    }
    double[] level = new double[width * height];
    for (int y = 0; y < height; y++) {
      int gy = y / cell;
      double fy = smooth((y % cell) / (double) cell);
      for (int x = 0; x < width; x++) {
        int gx = x / cell;
        double fx = smooth((x % cell) / (double) cell);
        double top = grid[gy * gw + gx] * (1 - fx) + grid[gy * gw + gx + 1] * fx;
        double bottom = grid[(gy + 1) * gw + gx] * (1 - fx) + grid[(gy + 1) * gw + gx + 1] * fx;
        double v = top * (1 - fy) + bottom * fy + random.uniform(-0.06, 0.06);
        level[y * width + x] = Math.min(1, Math.max(0, v));
      }
    }
    return level;
  }

  /** Smoothstep 3t² − 2t³, so cell borders do not show. */
  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  /** Stripes of period 8..48 px at a random angle; soft (sinusoid) or hard (square wave). */
  private static double[] stripes(SceneRandom random, int width, int height) {
    double angle = random.uniform(0, StrictMath.PI);
    double dx = StrictMath.cos(angle);
    double dy = StrictMath.sin(angle);
    double period = random.uniform(8, 48);
    boolean hard = random.chance(0.5);
    double phase = random.uniform(0, 1);
    double[] level = new double[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double cycles = (dx * x + dy * y) / period + phase;
        double v = 0.5 + 0.5 * StrictMath.sin(2 * StrictMath.PI * cycles);
        level[y * width + x] = hard ? (v >= 0.5 ? 1 : 0) : v;
      }
    }
    return level;
  }
}
