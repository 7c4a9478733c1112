package io.mambastream.ingest.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mambastream.ingest.fashion.FashionMnist;
import io.mambastream.ingest.fashion.FashionSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SceneGeneratorTest {
  private static final SceneConfig SMALL =
      SceneConfig.builder().optSize(128, 96).optScale(16, 48).optClipLength(40).build();
  private static final ItemPool SAMPLE = ItemPool.bundledSample();

  private static List<SceneFrame> frames(SceneSource clip) {
    List<SceneFrame> frames = new ArrayList<>();
    clip.forEachRemaining(frames::add);
    return frames;
  }

  @Test
  void sameSeedGivesSameFramesAndTruth() {
    SceneGenerator generator = new SceneGenerator(SMALL, SAMPLE);
    List<SceneFrame> a = frames(generator.clip(SceneSplit.VAL, 3));
    List<SceneFrame> b = frames(new SceneGenerator(SMALL, SAMPLE).clip(SceneSplit.VAL, 3));
    assertThat(a).hasSize(40);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).image()).isEqualTo(b.get(i).image());
      assertThat(a.get(i).semanticMask()).isEqualTo(b.get(i).semanticMask());
      assertThat(a.get(i).objects()).isEqualTo(b.get(i).objects());
    }
    SceneFrame other = generator.clip(SceneSplit.VAL, 4).next();
    assertThat(other.image().pixels()).isNotEqualTo(a.get(0).image().pixels());
    // Drawing a frame directly equals reaching it by iteration.
    assertThat(generator.clip(SceneSplit.VAL, 3).frame(17).image()).isEqualTo(a.get(17).image());
  }

  @Test
  void masksBoxesAndSemanticMaskAgree() {
    SceneGenerator generator = new SceneGenerator(SMALL, SAMPLE);
    int w = SMALL.width();
    int h = SMALL.height();
    for (int clip = 0; clip < 3; clip++) {
      for (SceneFrame frame : frames(generator.clip(SceneSplit.TRAIN, clip))) {
        int[] owner = new int[w * h];
        for (ObjectTruth o : frame.objects()) {
          boolean[] mask = o.mask().decode();
          int minX = w;
          int minY = h;
          int maxX = -1;
          int maxY = -1;
          int area = 0;
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              if (mask[y * w + x]) {
                area++;
                assertThat(owner[y * w + x]).as("masks are disjoint").isZero();
                owner[y * w + x] = o.trackId();
                assertThat(frame.semanticMask()[y * w + x]).isEqualTo((byte) o.category());
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
              }
            }
          }
          assertThat(o.visiblePixels()).isEqualTo(area).isEqualTo(o.mask().area());
          assertThat(o.visibility()).isBetween(0.0, 1.0);
          assertThat(o.visibility()).isEqualTo((double) area / o.fullPixels());
          assertThat(o.category()).isBetween(1, 10);
          if (area == 0) {
            assertThat(o.box()).isEqualTo(Box.EMPTY);
          } else {
            // Tight: the box is exactly the bounds of the visible mask.
            assertThat(o.box()).isEqualTo(new Box(minX, minY, maxX - minX + 1, maxY - minY + 1));
            // ... and lies inside the whole item square.
            assertThat(o.fullBox().contains(minX, minY)).isTrue();
            assertThat(o.fullBox().contains(maxX, maxY)).isTrue();
          }
        }
        for (int p = 0; p < owner.length; p++) {
          assertThat(frame.semanticMask()[p] != 0).isEqualTo(owner[p] != 0);
        }
      }
    }
  }

  @Test
  void itemsPerFrameStayInRangeAndTracksAreNumbered() {
    SceneConfig config =
        SceneConfig.builder()
            .optSize(128, 128)
            .optScale(16, 40)
            .optItems(2, 5)
            .optClipLength(30)
            .build();
    SceneGenerator generator = new SceneGenerator(config, SAMPLE);
    for (int clip = 0; clip < 10; clip++) {
      SceneSource source = generator.clip(SceneSplit.TEST, clip);
      List<Track> tracks = source.tracks();
      for (int i = 0; i < tracks.size(); i++) {
        assertThat(tracks.get(i).id()).isEqualTo(i + 1);
      }
      for (int f = 0; f < config.clipLength(); f++) {
        int frame = f;
        long alive = tracks.stream().filter(t -> t.aliveAt(frame)).count();
        assertThat(alive).isBetween(2L, 5L);
      }
      assertThat(source.next().objects()).isNotEmpty();
    }
  }

  @Test
  void allMotionKindsEntriesAndExitsOccur() {
    SceneGenerator generator =
        new SceneGenerator(SceneConfig.builder().optClipLength(60).build(), SAMPLE);
    Set<MotionKind> kinds = EnumSet.noneOf(MotionKind.class);
    Set<BackgroundKind> backgrounds = EnumSet.noneOf(BackgroundKind.class);
    int entering = 0;
    int exiting = 0;
    for (int clip = 0; clip < 8; clip++) {
      SceneSource source = generator.clip(SceneSplit.TRAIN, clip);
      backgrounds.add(source.backgroundKind());
      for (Track t : source.tracks()) {
        kinds.add(t.motion().kind());
        entering += t.enters() ? 1 : 0;
        exiting += t.exits() ? 1 : 0;
      }
    }
    assertThat(kinds).containsExactlyInAnyOrder(MotionKind.values());
    assertThat(backgrounds).containsExactlyInAnyOrder(BackgroundKind.values());
    assertThat(entering).isPositive();
    assertThat(exiting).isPositive();
  }

  @Test
  void enteringTrackAppearsOnlyAfterItsFirstFrameAndExitingOneLeaves() {
    SceneGenerator generator =
        new SceneGenerator(SceneConfig.builder().optClipLength(60).build(), SAMPLE);
    boolean checkedEntry = false;
    boolean checkedExit = false;
    for (int clip = 0; clip < 8 && !(checkedEntry && checkedExit); clip++) {
      SceneSource source = generator.clip(SceneSplit.TRAIN, clip);
      List<SceneFrame> frames = frames(generator.clip(SceneSplit.TRAIN, clip));
      for (Track t : source.tracks()) {
        Set<Integer> listed = new HashSet<>();
        for (SceneFrame frame : frames) {
          frame.objects().stream()
              .filter(o -> o.trackId() == t.id())
              .forEach(o -> listed.add(frame.index()));
        }
        if (t.enters() && t.firstFrame() > 0) {
          // It starts wholly outside, so it is not listed in its first frame, and is listed later.
          assertThat(listed).doesNotContain(t.firstFrame()).isNotEmpty();
          assertThat(listed).allSatisfy(f -> assertThat(f).isGreaterThan(t.firstFrame()));
          checkedEntry = true;
        }
        if (t.exits()) {
          assertThat(listed).doesNotContain(t.lastFrame());
          assertThat(listed).allSatisfy(f -> assertThat(f).isLessThan(t.lastFrame()));
          checkedExit = true;
        }
      }
    }
    assertThat(checkedEntry).isTrue();
    assertThat(checkedExit).isTrue();
  }

  @Test
  void splitSeedRangesAreDisjoint() {
    SceneSplit[] splits = SceneSplit.values();
    for (int i = 0; i < splits.length; i++) {
      assertThat(splits[i].endSeed() - splits[i].firstSeed()).isEqualTo(SceneSplit.SEEDS_PER_SPLIT);
      for (int j = i + 1; j < splits.length; j++) {
        boolean overlap =
            splits[i].firstSeed() < splits[j].endSeed()
                && splits[j].firstSeed() < splits[i].endSeed();
        assertThat(overlap).as("%s and %s", splits[i], splits[j]).isFalse();
      }
    }
    assertThat(SceneSplit.TRAIN.seed(SceneSplit.SEEDS_PER_SPLIT - 1))
        .isLessThan(SceneSplit.VAL.seed(0));
    assertThatThrownBy(() -> SceneSplit.TRAIN.seed(SceneSplit.SEEDS_PER_SPLIT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SceneSplit.VAL.seed(-1)).isInstanceOf(IllegalArgumentException.class);
    // Item ranges: train and val share the Fashion-MNIST train file but not its items.
    assertThat(SceneSplit.TRAIN.endItem()).isLessThanOrEqualTo(SceneSplit.VAL.firstItem());
    assertThat(SceneSplit.TEST.itemSource()).isEqualTo(FashionSplit.TEST);
  }

  @Test
  void itemsComeFromTheSplitsFashionItems() throws IOException {
    assumeTrue(
        Files.isDirectory(FashionMnist.INSTALLED_DIR), "dataset-fashion-mnist not installed");
    FashionMnist train = FashionMnist.load(FashionSplit.TRAIN);
    FashionMnist test = FashionMnist.load(FashionSplit.TEST);
    for (SceneSplit split : SceneSplit.values()) {
      ItemPool pool =
          ItemPool.forSplit(split, split.itemSource() == FashionSplit.TRAIN ? train : test);
      SceneGenerator generator = new SceneGenerator(SMALL, pool);
      for (int clip = 0; clip < 20; clip++) {
        for (Track t : generator.clip(split, clip).tracks()) {
          assertThat(t.item()).isBetween(split.firstItem(), split.endItem() - 1);
          assertThat(t.category()).isEqualTo(pool.items().label(t.item()) + 1);
        }
      }
    }
  }

  @Test
  void configRejectsImpossibleValues() {
    assertThatThrownBy(() -> SceneConfig.builder().optSize(64, 64).build())
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> SceneConfig.builder().optItems(3, 2).build())
        .hasMessageContaining("items per frame");
    assertThatThrownBy(() -> SceneConfig.builder().optMotions().build())
        .hasMessageContaining("no motion");
  }
}
