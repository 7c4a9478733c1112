package io.mambastream.ingest.scenes;

/** How an item's centre moves over its life. */
public enum MotionKind {
  /** Constant velocity along a straight line. */
  LINEAR,
  /** Straight line with constant non-zero acceleration (speeding up or slowing down). */
  ACCELERATING,
  /** A quadratic Bézier curve: the direction turns smoothly. */
  CURVED,
  /** Constant velocity, reflected at the frame borders so the item never leaves. */
  BOUNCING
}
