package io.mambastream.ingest.scenes.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mambastream.ingest.scenes.ItemPool;
import io.mambastream.ingest.scenes.ObjectTruth;
import io.mambastream.ingest.scenes.SceneConfig;
import io.mambastream.ingest.scenes.SceneFrame;
import io.mambastream.ingest.scenes.SceneGenerator;
import io.mambastream.ingest.scenes.SceneSource;
import io.mambastream.ingest.scenes.SceneSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, import, and compare with the generator's own truth. */
class SceneDatasetRoundTripTest {
  private static final SceneConfig CONFIG =
      SceneConfig.builder()
          .optSize(96, 80)
          .optScale(16, 40)
          .optItems(2, 6)
          .optClipLength(6)
          .build();
  private static final SceneGenerator GENERATOR =
      new SceneGenerator(CONFIG, ItemPool.bundledSample());

  @Test
  void writesTheDocumentedLayout(@TempDir Path out) throws IOException {
    List<long[]> progress = new ArrayList<>();
    DatasetSummary summary =
        new SceneDatasetWriter(GENERATOR)
            .write(
                SceneSplit.VAL, 5, 2, out, (done, total) -> progress.add(new long[] {done, total}));
    Path split = out.resolve("val");
    assertThat(summary.directory()).isEqualTo(split);
    assertThat(summary.frames()).isEqualTo(12);
    assertThat(summary.firstSeed()).isEqualTo(SceneSplit.VAL.seed(5));
    for (String clip : List.of("val-000005", "val-000006")) {
      assertThat(split.resolve(clip).resolve("seqinfo.ini"))
          .content()
          .contains("seqLength=6", "imWidth=96");
      assertThat(split.resolve(clip).resolve("gt/gt.txt")).isRegularFile();
      for (int f = 1; f <= 6; f++) {
        assertThat(split.resolve(clip).resolve(String.format("img1/%06d.png", f))).isRegularFile();
        assertThat(split.resolve(clip).resolve(String.format("semantic/%06d.png", f)))
            .isRegularFile();
      }
    }
    assertThat(split.resolve("annotations.json")).isRegularFile();
    // Progress in frames: 0 of 12 first, then every frame, ending at 12 of 12.
    assertThat(progress).hasSize(13);
    assertThat(progress.get(0)).containsExactly(0, 12);
    assertThat(progress.get(12)).containsExactly(12, 12);
    // A second run into the same, now non-empty, folder is refused.
    assertThatThrownBy(
            () ->
                new SceneDatasetWriter(GENERATOR)
                    .write(SceneSplit.VAL, 5, 1, out, ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("already holds files");
  }

  @Test
  void importedFilesEqualTheGeneratedTruth(@TempDir Path out) throws IOException {
    DatasetSummary summary =
        new SceneDatasetWriter(GENERATOR).write(SceneSplit.TRAIN, 0, 3, out, ProgressListener.NONE);
    SceneDataset dataset = SceneDataset.read(summary.directory());
    CocoFile coco = dataset.coco();
    assertThat(coco.categories()).hasSize(10);
    assertThat(coco.categories().get(0).name()).isEqualTo("T-shirt/top");
    assertThat(coco.categories().get(9).name()).isEqualTo("Ankle boot");
    assertThat(coco.images()).hasSize(18);
    assertThat(coco.annotations()).hasSize((int) summary.objects());

    int imageIndex = 0;
    for (int c = 0; c < 3; c++) {
      SceneSource clip = GENERATOR.clip(SceneSplit.TRAIN, c);
      List<MotRow> rows = dataset.groundTruth().get(clip.clipId());
      int rowIndex = 0;
      while (clip.hasNext()) {
        SceneFrame frame = clip.next();
        int number = frame.index() + 1;
        CocoFile.Image image = coco.images().get(imageIndex++);
        assertThat(image.fileName())
            .isEqualTo(clip.clipId() + String.format("/img1/%06d.png", number));
        assertThat(image.frameId()).isEqualTo(number);
        assertThat(dataset.image(clip.clipId(), number)).isEqualTo(frame.image().pixels());
        assertThat(dataset.semanticMask(clip.clipId(), number)).isEqualTo(frame.semanticMask());
        List<CocoFile.Annotation> annotations =
            coco.annotations().stream().filter(a -> a.imageId() == image.id()).toList();
        List<ObjectTruth> visible =
            frame.objects().stream().filter(ObjectTruth::isVisible).toList();
        assertThat(annotations).hasSize(visible.size());
        for (int i = 0; i < visible.size(); i++) {
          ObjectTruth o = visible.get(i);
          CocoFile.Annotation a = annotations.get(i);
          assertThat(a.trackId()).isEqualTo(o.trackId());
          assertThat(a.categoryId()).isEqualTo(o.category());
          assertThat(a.bbox()).containsExactly(o.box().toXywh());
          assertThat(a.area()).isEqualTo(o.visiblePixels());
          assertThat(a.iscrowd()).isZero();
          assertThat(a.visibility()).isEqualTo(o.visibility());
          assertThat(a.segmentation().size()).containsExactly(CONFIG.height(), CONFIG.width());
          assertThat(a.segmentation().toRle()).isEqualTo(o.mask());
          // The COCO box of the mask, computed as pycocotools does, contains the tight box.
          double[] rleBox = a.segmentation().toRle().toBbox();
          assertThat(rleBox[0]).isEqualTo(o.box().x());
          assertThat(rleBox[2]).isEqualTo(o.box().w());
          MotRow row = rows.get(rowIndex++);
          assertThat(row.frame()).isEqualTo(number);
          assertThat(row.id()).isEqualTo(o.trackId());
          assertThat(new int[] {row.x(), row.y(), row.w(), row.h()})
              .containsExactly(o.box().x(), o.box().y(), o.box().w(), o.box().h());
          assertThat(row.conf()).isEqualTo(1);
          assertThat(row.category()).isEqualTo(o.category());
          assertThat(row.visibility()).isCloseTo(o.visibility(), within(5e-7));
        }
      }
      assertThat(rowIndex).isEqualTo(rows.size());
    }
  }

  @Test
  void sameSeedsGiveSameBytesAndOtherSeedsDiffer(@TempDir Path out) throws IOException {
    SceneDatasetWriter writer = new SceneDatasetWriter(GENERATOR);
    writer.write(SceneSplit.TEST, 0, 2, out.resolve("a"), ProgressListener.NONE);
    writer.write(SceneSplit.TEST, 0, 2, out.resolve("b"), ProgressListener.NONE);
    writer.write(SceneSplit.TEST, 2, 2, out.resolve("c"), ProgressListener.NONE);
    Map<String, String> a = digests(out.resolve("a"));
    assertThat(a).hasSize(1 + 2 * (2 + 2 * 6));
    assertThat(digests(out.resolve("b"))).isEqualTo(a);
    Map<String, String> c = digests(out.resolve("c"));
    // Different clips: no frame of clip 2 equals frame 1 of clip 0 (names differ, compare bytes).
    assertThat(c.values()).doesNotContain(a.get("test/test-000000/img1/000001.png"));
  }

  private static Map<String, String> digests(Path root) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        digests.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
      }
    }
    return digests;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
