package io.mambastream.ingest.scenes;

/** A colour with channels 0..255. */
public record Rgb(int r, int g, int b) {

  /**
   * A random colour of any hue, with saturation in [minSaturation, 1] and value (brightness) in
   * [minValue, maxValue], through the HSV hexcone (no trigonometry, so exact on every JVM).
   */
  static Rgb random(SceneRandom random, double minSaturation, double minValue, double maxValue) {
    double hue = random.uniform(0, 6);
    double saturation = random.uniform(minSaturation, 1);
    double value = random.uniform(minValue, maxValue);
    int sector = (int) hue;
    double f = hue - sector;
    double p = value * (1 - saturation);
    double q = value * (1 - saturation * f);
    double t = value * (1 - saturation * (1 - f));
    double[] rgb =
        switch (sector) {
          case 0 -> new double[] {value, t, p};
          case 1 -> new double[] {q, value, p};
          case 2 -> new double[] {p, value, t};
          case 3 -> new double[] {p, q, value};
          case 4 -> new double[] {t, p, value};
          default -> new double[] {value, p, q};
        };
    return new Rgb(channel(rgb[0] * 255), channel(rgb[1] * 255), channel(rgb[2] * 255));
  }

  /** Rounds to the nearest integer in 0..255. */
  static int channel(double v) {
    return (int) StrictMath.floor(StrictMath.min(255, StrictMath.max(0, v)) + 0.5);
  }

  /** The colour {@code t} of the way from this one to {@code other}, channel by channel. */
  Rgb mix(Rgb other, double t) {
    return new Rgb(
        channel(r + (other.r - r) * t),
        channel(g + (other.g - g) * t),
        channel(b + (other.b - b) * t));
  }
}
