package io.mambastream.ingest.scenes;

/**
 * One item's life in a clip: which Fashion-MNIST item it shows, how it looks and how it moves.
 *
 * @param id track id, 1-based within the clip, in order of first frame
 * @param item index of the Fashion-MNIST item in its split's file
 * @param category class id 1..10 (Fashion-MNIST label + 1)
 * @param side item side in pixels
 * @param tint the colour of the item's brightest pixels
 * @param depth drawing order: larger is nearer, drawn later, on top
 * @param firstFrame first frame of the track (0-based)
 * @param lastFrame last frame of the track, inclusive
 * @param motion the centre over the track's life
 * @param enters whether the track starts outside the frame and moves in
 * @param exits whether the track ends outside the frame, having moved out
 */
public record Track(
    int id,
    int item,
    int category,
    int side,
    Rgb tint,
    double depth,
    int firstFrame,
    int lastFrame,
    Motion motion,
    boolean enters,
    boolean exits) {

  /** Whether the track exists in {@code frame}. */
  public boolean aliveAt(int frame) {
    return firstFrame <= frame && frame <= lastFrame;
  }

  /** The column of the item's left edge in {@code frame}. */
  public int left(int frame) {
    return (int) StrictMath.floor(motion.centre(frame - firstFrame).x() - side / 2.0);
  }

  /** The row of the item's top edge in {@code frame}. */
  public int top(int frame) {
    return (int) StrictMath.floor(motion.centre(frame - firstFrame).y() - side / 2.0);
  }

  /** This track with another id. */
  Track withId(int newId) {
    return new Track(
        newId, item, category, side, tint, depth, firstFrame, lastFrame, motion, enters, exits);
  }
}
