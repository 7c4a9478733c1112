package io.mambastream.ingest.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import io.mambastream.ingest.fashion.FashionMnist;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Occlusion, frame clipping and visibility on hand-placed items. At side 28 the scaling is the
 * identity (source position = output position), so an item's mask is simply its Fashion-MNIST
 * pixels of intensity ≥ 24, which the test computes on its own.
 */
class SceneRendererTest {
  private static final FashionMnist ITEMS = FashionMnist.bundledSample();
  private static final int W = 64;
  private static final int H = 48;

  /** A still item whose 28×28 square has its top-left corner at (left, top). */
  private static Track still(int id, int item, double depth, int left, int top) {
    Point centre = new Point(left + 14, top + 14);
    return new Track(
        id,
        item,
        ITEMS.label(item) + 1,
        28,
        new Rgb(200, 100, 50),
        depth,
        0,
        0,
        new Motion.Linear(centre, centre, 1),
        false,
        false);
  }

  private static boolean itemPixel(int item, int r, int c) {
    return r >= 0 && c >= 0 && r < 28 && c < 28 && ITEMS.pixel(item, r, c) >= 24;
  }

  private static SceneFrame render(List<Track> tracks) {
    SceneConfig config =
        SceneConfig.builder().optSize(W, H).optScale(28, 28).optClipLength(1).build();
    List<Glyph> glyphs =
        tracks.stream().map(t -> Glyph.of(ITEMS, t.item(), t.side(), t.tint())).toList();
    Background black = new Background(BackgroundKind.GRADIENT, new byte[W * H * 3]);
    return new SceneRenderer(config, "test", black, tracks, glyphs).render(0);
  }

  @Test
  void nearItemHidesFarItemAndTruthFollows() {
    // Item 0 (far, depth 0.2) at (10, 5); item 1 (near, depth 0.8) at (20, 10): overlapping.
    Track far = still(1, 0, 0.2, 10, 5);
    Track near = still(2, 1, 0.8, 20, 10);
    SceneFrame frame = render(List.of(far, near));
    int farFull = 0;
    int farVisible = 0;
    int nearFull = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        boolean inNear = itemPixel(1, y - 10, x - 20);
        boolean inFar = itemPixel(0, y - 5, x - 10);
        nearFull += inNear ? 1 : 0;
        farFull += inFar ? 1 : 0;
        farVisible += inFar && !inNear ? 1 : 0;
        int expectedClass = inNear ? near.category() : inFar ? far.category() : 0;
        assertThat(frame.semanticMask()[y * W + x]).isEqualTo((byte) expectedClass);
      }
    }
    ObjectTruth farTruth = frame.objects().get(0);
    ObjectTruth nearTruth = frame.objects().get(1);
    assertThat(farTruth.trackId()).isEqualTo(1);
    assertThat(farTruth.visiblePixels()).isEqualTo(farVisible).isLessThan(farFull);
    assertThat(farTruth.fullPixels()).isEqualTo(farFull);
    assertThat(farTruth.visibility()).isEqualTo((double) farVisible / farFull);
    assertThat(nearTruth.visiblePixels()).isEqualTo(nearFull);
    assertThat(nearTruth.visibility()).isEqualTo(1.0);
    assertThat(farTruth.fullBox()).isEqualTo(new Box(10, 5, 28, 28));
    // Where no item lies the black background shows.
    assertThat(frame.image().sample(0, 0, 0)).isZero();
  }

  @Test
  void partlyOutsideItemLosesVisibilityAndWhollyOutsideIsNotListed() {
    // Left edge at column -10: columns 0..9 of the item fall outside the frame.
    Track cut = still(1, 2, 0.5, -10, 0);
    Track gone = still(2, 3, 0.9, W + 1, 0);
    SceneFrame frame = render(List.of(cut, gone));
    int full = 0;
    int inside = 0;
    int minColumn = Integer.MAX_VALUE;
    for (int r = 0; r < 28; r++) {
      for (int c = 0; c < 28; c++) {
        if (itemPixel(2, r, c)) {
          full++;
          if (c >= 10) {
            inside++;
            minColumn = Math.min(minColumn, c - 10);
          }
        }
      }
    }
    assertThat(frame.objects()).hasSize(1);
    ObjectTruth truth = frame.objects().get(0);
    assertThat(truth.visibility()).isEqualTo((double) inside / full).isLessThan(1.0);
    assertThat(truth.box().x()).isEqualTo(minColumn);
    assertThat(truth.fullBox().x()).isEqualTo(-10);
  }
}
