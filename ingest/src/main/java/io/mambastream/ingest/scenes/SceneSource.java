package io.mambastream.ingest.scenes;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The frames of one MovingFashion clip, in order, each with its ground truth; a frame source for
 * heads and streaming code. Frames are drawn on demand, so a clip costs one frame of memory.
 */
public final class SceneSource implements Iterator<SceneFrame> {
  private final long seed;
  private final String clipId;
  private final int length;
  private final Background background;
  private final List<Track> tracks;
  private final SceneRenderer renderer;
  private int next;

  SceneSource(
      long seed,
      String clipId,
      int length,
      Background background,
      List<Track> tracks,
      SceneRenderer renderer) {
    this.seed = seed;
    this.clipId = clipId;
    this.length = length;
    this.background = background;
    this.tracks = tracks;
    this.renderer = renderer;
  }

  /** The seed the clip is drawn from. */
  public long seed() {
    return seed;
  }

  /** The clip's name, also the stream id of its frames. */
  public String clipId() {
    return clipId;
  }

  /** The number of frames. */
  public int length() {
    return length;
  }

  /** Which procedural background the clip has. */
  public BackgroundKind backgroundKind() {
    return background.kind();
  }

  /** Every track of the clip, ids 1..N. */
  public List<Track> tracks() {
    return tracks;
  }

  /** Draws frame {@code index} (0-based) directly, without moving the iterator. */
  public SceneFrame frame(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException("frame " + index + " of a " + length + "-frame clip");
    }
    return renderer.render(index);
  }

  @Override
  public boolean hasNext() {
    return next < length;
  }

  @Override
  public SceneFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException("clip " + clipId + " has " + length + " frames");
    }
    return renderer.render(next++);
  }
}
