package io.mambastream.ingest.scenes;

/** The procedural backgrounds of MovingFashion clips. */
public enum BackgroundKind {
  /** A linear blend between two colours along a random direction. */
  GRADIENT,
  /** Smooth value noise (random values on a coarse grid, interpolated) plus fine grain. */
  NOISE,
  /** Soft or hard stripes of two colours at a random angle and period. */
  STRIPES
}
