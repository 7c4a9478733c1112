package io.mambastream.ingest.scenes;

/** A position in frame pixels, x to the right and y down. */
public record Point(double x, double y) {

  /** This point plus {@code t} times {@code (dx, dy)}. */
  Point plus(double dx, double dy, double t) {
    return new Point(x + dx * t, y + dy * t);
  }

  /** The point {@code t} of the way from this point to {@code other}. */
  Point lerp(Point other, double t) {
    return new Point(x + (other.x - x) * t, y + (other.y - y) * t);
  }
}
