package io.mambastream.ingest.scenes;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws MovingFashion clips: {@code clip(split, index)} gives a {@link SceneSource} over the frames
 * of the clip whose seed is {@code split.seed(index)}. The same seed, config and item pool always
 * give the same clip.
 *
 * <pre>{@code
 * SceneGenerator generator = new SceneGenerator(SceneConfig.defaults(), ItemPool.forSplit(TRAIN));
 * SceneSource clip = generator.clip(SceneSplit.TRAIN, 0);
 * while (clip.hasNext()) {
 *   SceneFrame frame = clip.next(); // frame.image(), frame.objects(), frame.semanticMask()
 * }
 * }</pre>
 */
public final class SceneGenerator {
  private static final long BACKGROUND = 1;
  private static final long TRACKS = 2;

  private final SceneConfig config;
  private final ItemPool items;

  /** A generator placing items of {@code items} (use the pool of the split you generate). */
  public SceneGenerator(SceneConfig config, ItemPool items) {
    this.config = config;
    this.items = items;
  }

  /** The config. */
  public SceneConfig config() {
    return config;
  }

  /** The item pool. */
  public ItemPool items() {
    return items;
  }

  /** Clip {@code index} of {@code split}, named {@code <split>-<index>}. */
  public SceneSource clip(SceneSplit split, long index) {
    return clip(split.seed(index), String.format("%s-%06d", split.label(), index));
  }

  /** The clip of {@code seed}, with {@code clipId} as its name and stream id. */
  public SceneSource clip(long seed, String clipId) {
    SceneRandom random = new SceneRandom(seed);
    Background background =
        Background.draw(random.fork(BACKGROUND), config.width(), config.height());
    List<Track> tracks = new ClipPlanner(config, items, random.fork(TRACKS)).plan();
    List<Glyph> glyphs = new ArrayList<>(tracks.size());
    for (Track track : tracks) {
      glyphs.add(Glyph.of(items.items(), track.item(), track.side(), track.tint()));
    }
    SceneRenderer renderer = new SceneRenderer(config, clipId, background, tracks, glyphs);
    return new SceneSource(seed, clipId, config.clipLength(), background, tracks, renderer);
  }
}
