package io.mambastream.ingest.scenes.dataset;

import io.mambastream.ingest.fashion.FashionMnist;
import io.mambastream.ingest.scenes.ObjectTruth;
import io.mambastream.ingest.scenes.SceneConfig;
import io.mambastream.ingest.scenes.SceneFrame;
import io.mambastream.ingest.scenes.SceneGenerator;
import io.mambastream.ingest.scenes.SceneSource;
import io.mambastream.ingest.scenes.SceneSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes clips of one split as a data set. Layout under the output folder:
 *
 * <pre>
 * OUT/&lt;split&gt;/annotations.json              COCO: all frames and visible objects of the split
 * OUT/&lt;split&gt;/&lt;clip&gt;/seqinfo.ini             MOTChallenge sequence info
 * OUT/&lt;split&gt;/&lt;clip&gt;/img1/000001.png         RGB frames, 1-based numbers
 * OUT/&lt;split&gt;/&lt;clip&gt;/semantic/000001.png     8-bit gray class ids 0..10 (0 background)
 * OUT/&lt;split&gt;/&lt;clip&gt;/gt/gt.txt               MOTChallenge ground truth
 * </pre>
 *
 * <p>Clip folders are named {@code <split>-<index>} with six digits, e.g. {@code train-000042};
 * COCO {@code file_name}s are relative to the split folder. Only visible objects are written (see
 * {@link ObjectTruth} for what a frame lists); boxes in both formats are the tight bounds of the
 * visible mask.
 */
public final class SceneDatasetWriter {
  private final SceneGenerator generator;

  /** A writer of the clips {@code generator} draws. */
  public SceneDatasetWriter(SceneGenerator generator) {
    this.generator = generator;
  }

  /**
   * Writes clips {@code firstClip .. firstClip + clips - 1} of {@code split} under {@code
   * out/<split>}, which must not exist yet or be empty.
   */
  public DatasetSummary write(
      SceneSplit split, long firstClip, int clips, Path out, ProgressListener progress)
      throws IOException {
    if (clips < 1) {
      throw new IllegalArgumentException("clips " + clips + " (need >= 1)");
    }
    split.seed(firstClip + clips - 1); // checks the whole range lies in the split
    Path dir = out.resolve(split.label());
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(dir + " already holds files; choose another output folder");
        }
      }
    }
    SceneConfig config = generator.config();
    long totalFrames = (long) clips * config.clipLength();
    List<CocoFile.Video> videos = new ArrayList<>();
    List<CocoFile.Image> images = new ArrayList<>();
    List<CocoFile.Annotation> annotations = new ArrayList<>();
    long hidden = 0;
    long tracks = 0;
    long done = 0;
    progress.progress(0, totalFrames);
    for (int c = 0; c < clips; c++) {
      SceneSource clip = generator.clip(split, firstClip + c);
      Path clipDir = dir.resolve(clip.clipId());
      long videoId = c + 1L;
      videos.add(
          new CocoFile.Video(
              videoId, clip.clipId(), clip.seed(), clip.length(), config.width(), config.height()));
      tracks += clip.tracks().size();
      writeSeqInfo(clip, config, clipDir.resolve("seqinfo.ini"));
      List<MotRow> rows = new ArrayList<>();
      while (clip.hasNext()) {
        SceneFrame frame = clip.next();
        int number = frame.index() + 1;
        String name = String.format("%06d.png", number);
        PngImages.writeFrame(frame.image(), clipDir.resolve("img1").resolve(name));
        PngImages.writeGray(
            frame.semanticMask(),
            config.width(),
            config.height(),
            clipDir.resolve("semantic").resolve(name));
        long imageId = images.size() + 1L;
        images.add(
            new CocoFile.Image(
                imageId,
                clip.clipId() + "/img1/" + name,
                config.width(),
                config.height(),
                videoId,
                number));
        for (ObjectTruth o : frame.objects()) {
          if (!o.isVisible()) {
            hidden++;
            continue;
          }
          annotations.add(
              new CocoFile.Annotation(
                  annotations.size() + 1L,
                  imageId,
                  o.category(),
                  o.box().toXywh(),
                  o.visiblePixels(),
                  CocoFile.Segmentation.of(o.mask()),
                  0,
                  o.trackId(),
                  videoId,
                  o.visibility()));
          rows.add(
              new MotRow(
                  number,
                  o.trackId(),
                  o.box().x(),
                  o.box().y(),
                  o.box().w(),
                  o.box().h(),
                  1,
                  o.category(),
                  o.visibility()));
        }
        progress.progress(++done, totalFrames);
      }
      MotRow.write(rows, clipDir.resolve("gt").resolve("gt.txt"));
    }
    Path annotationFile = dir.resolve("annotations.json");
    new CocoFile(info(split, firstClip, clips), videos, images, annotations, categories())
        .write(annotationFile);
    return new DatasetSummary(
        split.label(),
        dir,
        annotationFile,
        clips,
        images.size(),
        annotations.size(),
        hidden,
        tracks,
        split.seed(firstClip),
        split.seed(firstClip + clips - 1),
        generator.items().description());
  }

  private Map<String, Object> info(SceneSplit split, long firstClip, int clips) {
    SceneConfig config = generator.config();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("description", "MovingFashion " + split.label() + " (synthetic Fashion-MNIST scenes)");
    info.put("generator", "mambastream data scenes");
    info.put("split", split.label());
    info.put("first_clip", firstClip);
    info.put("clips", clips);
    info.put("first_seed", split.seed(firstClip));
    info.put("frames_per_clip", config.clipLength());
    info.put("frame_rate", config.framesPerSecond());
    info.put("width", config.width());
    info.put("height", config.height());
    info.put("items_per_frame", List.of(config.minItems(), config.maxItems()));
    info.put("item_scale_px", List.of(config.minScale(), config.maxScale()));
    info.put("motions", config.motions().stream().map(Enum::name).toList());
    info.put("items", generator.items().description());
    return info;
  }

  /** Categories 1..10: Fashion-MNIST label + 1, with the dataset's class names. */
  public static List<CocoFile.Category> categories() {
    List<CocoFile.Category> categories = new ArrayList<>();
    for (int label = 0; label < FashionMnist.CLASS_NAMES.size(); label++) {
      categories.add(
          new CocoFile.Category(label + 1, FashionMnist.CLASS_NAMES.get(label), "fashion"));
    }
    return categories;
  }

  private static void writeSeqInfo(SceneSource clip, SceneConfig config, Path file)
      throws IOException {
    Files.createDirectories(file.getParent());
    String ini =
        "[Sequence]\n"
            + "name="
            + clip.clipId()
            + "\nimDir=img1\nframeRate="
            + config.framesPerSecond()
            + "\nseqLength="
            + clip.length()
            + "\nimWidth="
            + config.width()
            + "\nimHeight="
            + config.height()
            + "\nimExt=.png\n";
    Files.writeString(file, ini, StandardCharsets.UTF_8);
  }
}
