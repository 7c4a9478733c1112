package io.mambastream.ingest.scenes;

/**
 * The centre of an item as a function of its age in frames, {@code 0 ≤ age ≤ duration}. The
 * straight and curved motions run from {@code start} to {@code end} in {@code duration} frames.
 */
public sealed interface Motion {

  /** The kind of this motion. */
  MotionKind kind();

  /** The item centre {@code age} frames after the track started. */
  Point centre(int age);

  /** Constant velocity from {@code start} to {@code end}. */
  record Linear(Point start, Point end, int duration) implements Motion {
    @Override
    public MotionKind kind() {
      return MotionKind.LINEAR;
    }

    @Override
    public Point centre(int age) {
      return start.lerp(end, (double) age / duration);
    }
  }

  /**
   * From {@code start} to {@code end} along a line with constant acceleration: the fraction of the
   * way covered at {@code u = age/duration} is {@code v0·u + (1 − v0)·u²}, where {@code v0} in (0,
   * 2) is the initial speed relative to the mean (below 1 speeds up, above 1 slows down).
   */
  record Accelerating(Point start, Point end, int duration, double v0) implements Motion {
    @Override
    public MotionKind kind() {
      return MotionKind.ACCELERATING;
    }

    @Override
    public Point centre(int age) {
      double u = (double) age / duration;
      return start.lerp(end, v0 * u + (1 - v0) * u * u);
    }
  }

  /**
   * The quadratic Bézier curve from {@code start} to {@code end} pulled towards {@code control}.
   */
  record Curved(Point start, Point control, Point end, int duration) implements Motion {
    @Override
    public MotionKind kind() {
      return MotionKind.CURVED;
    }

    @Override
    public Point centre(int age) {
      double u = (double) age / duration;
      double a = (1 - u) * (1 - u);
      double b = 2 * (1 - u) * u;
      double c = u * u;
      return new Point(
          a * start.x() + b * control.x() + c * end.x(),
          a * start.y() + b * control.y() + c * end.y());
    }
  }

  /**
   * Constant velocity {@code (vx, vy)} px/frame from {@code start}, folded back into the box {@code
   * [minX, maxX] × [minY, maxY]} at its walls (angle of incidence = angle of reflection).
   */
  record Bouncing(
      Point start, double vx, double vy, double minX, double maxX, double minY, double maxY)
      implements Motion {
    @Override
    public MotionKind kind() {
      return MotionKind.BOUNCING;
    }

    @Override
    public Point centre(int age) {
      return new Point(
          fold(start.x() + vx * age, minX, maxX), fold(start.y() + vy * age, minY, maxY));
    }

    /** Reflects {@code v} into [lo, hi]: a triangle wave of period 2·(hi − lo). */
    static double fold(double v, double lo, double hi) {
      double span = hi - lo;
      if (span <= 0) {
        return lo;
      }
      double y = (v - lo) % (2 * span);
      if (y < 0) {
        y += 2 * span;
      }
      return lo + (y > span ? 2 * span - y : y);
    }
  }
}
