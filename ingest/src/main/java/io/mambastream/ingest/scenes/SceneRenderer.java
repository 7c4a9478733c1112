package io.mambastream.ingest.scenes;

import io.mambastream.ingest.Frame;
import io.mambastream.ingest.PixelFormat;
import io.mambastream.ingest.mask.Rle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Draws the frames of one planned clip: background, then the alive items from far to near, each
 * opaque inside its mask; then reads every item's visible mask off the owner map.
 */
final class SceneRenderer {
  private final SceneConfig config;
  private final String streamId;
  private final Background background;
  private final List<Track> tracks;
  private final List<Glyph> glyphs;

  SceneRenderer(
      SceneConfig config,
      String streamId,
      Background background,
      List<Track> tracks,
      List<Glyph> glyphs) {
    this.config = config;
    this.streamId = streamId;
    this.background = background;
    this.tracks = tracks;
    this.glyphs = glyphs;
  }

  SceneFrame render(int frame) {
    int width = config.width();
    int height = config.height();
    byte[] rgb = background.rgb().clone();
    int[] owner = new int[width * height]; // index into `tracks` + 1; 0 = background
    List<Integer> alive = new ArrayList<>();
    for (int k = 0; k < tracks.size(); k++) {
      if (tracks.get(k).aliveAt(frame)) {
        alive.add(k);
      }
    }
    alive.sort(
        Comparator.<Integer>comparingDouble(k -> tracks.get(k).depth())
            .thenComparingInt(k -> tracks.get(k).id()));
    int[] inFrame = new int[tracks.size()];
    for (int k : alive) {
      inFrame[k] = paint(k, frame, rgb, owner);
    }
    List<ObjectTruth> objects = new ArrayList<>();
    for (int k = 0; k < tracks.size(); k++) {
      if (tracks.get(k).aliveAt(frame) && inFrame[k] > 0) {
        objects.add(truth(k, frame, owner));
      }
    }
    byte[] semantic = new byte[width * height];
    for (int p = 0; p < owner.length; p++) {
      if (owner[p] > 0) {
        semantic[p] = (byte) tracks.get(owner[p] - 1).category();
      }
    }
    long micros = frame * 1_000_000L / config.framesPerSecond();
    Frame image = new Frame(streamId, frame, micros, width, height, PixelFormat.RGB24, rgb);
    return new SceneFrame(image, List.copyOf(objects), semantic);
  }

  /** Paints track {@code k} over what is there; returns how many mask pixels fell in the frame. */
  private int paint(int k, int frame, byte[] rgb, int[] owner) {
    Track track = tracks.get(k);
    Glyph glyph = glyphs.get(k);
    int left = track.left(frame);
    int top = track.top(frame);
    int width = config.width();
    int inFrame = 0;
    for (int v = Math.max(0, -top); v < Math.min(glyph.side(), config.height() - top); v++) {
      for (int u = Math.max(0, -left); u < Math.min(glyph.side(), width - left); u++) {
        int g = v * glyph.side() + u;
        if (glyph.mask()[g]) {
          int p = (top + v) * width + left + u;
          owner[p] = k + 1;
          System.arraycopy(glyph.rgb(), 3 * g, rgb, 3 * p, 3);
          inFrame++;
        }
      }
    }
    return inFrame;
  }

  private ObjectTruth truth(int k, int frame, int[] owner) {
    Track track = tracks.get(k);
    int width = config.width();
    int height = config.height();
    boolean[] visible = new boolean[width * height];
    long pixels = 0;
    int minX = width;
    int minY = height;
    int maxX = -1;
    int maxY = -1;
    // Only the item's square can hold its pixels.
    int left = track.left(frame);
    int top = track.top(frame);
    for (int y = Math.max(0, top); y < Math.min(height, top + track.side()); y++) {
      for (int x = Math.max(0, left); x < Math.min(width, left + track.side()); x++) {
        int p = y * width + x;
        if (owner[p] == k + 1) {
          visible[p] = true;
          pixels++;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    Box box = pixels == 0 ? Box.EMPTY : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
    Box full = new Box(left, top, track.side(), track.side());
    long fullPixels = glyphs.get(k).pixels();
    return new ObjectTruth(
        track.id(),
        track.category(),
        track.item(),
        track.motion().kind(),
        box,
        full,
        pixels,
        fullPixels,
        (double) pixels / fullPixels,
        Rle.encode(visible, height, width));
  }
}
