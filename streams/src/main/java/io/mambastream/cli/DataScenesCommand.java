package io.mambastream.cli;

import io.mambastream.ingest.scenes.ItemPool;
import io.mambastream.ingest.scenes.SceneConfig;
import io.mambastream.ingest.scenes.SceneGenerator;
import io.mambastream.ingest.scenes.SceneSplit;
import io.mambastream.ingest.scenes.dataset.DatasetSummary;
import io.mambastream.ingest.scenes.dataset.PreviewImage;
import io.mambastream.ingest.scenes.dataset.SceneDatasetWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code data scenes} command: writes MovingFashion clips of one split to a folder. */
@Command(
    name = "scenes",
    mixinStandardHelpOptions = true,
    description = {
      "Generate MovingFashion clips (Fashion-MNIST items moving over procedural backgrounds)"
          + " with ground truth. The same split, clip range and options always give the same"
          + " files.",
      "",
      "Layout under OUT/<split>/ (clips named <split>-<index>, frames numbered from 1):",
      "  annotations.json               COCO: images, annotations (bbox = tight box of the visible"
          + " mask, area = mask pixels, segmentation = compressed RLE, track_id, visibility),"
          + " categories 1..10",
      "  <clip>/img1/000001.png         RGB frames",
      "  <clip>/semantic/000001.png     8-bit gray class ids (0 background, 1..10 classes)",
      "  <clip>/gt/gt.txt               MOTChallenge: frame,id,x,y,w,h,conf,class,visibility",
      "  <clip>/seqinfo.ini             MOTChallenge sequence info",
      "",
      "Seeds: train clips use seeds [0, 1e9), val [1e9, 2e9), test [2e9, 3e9); clip i has seed"
          + " first + i. Items: train uses Fashion-MNIST train items 0..53999, val train items"
          + " 54000..59999, test the test set (Debian package dataset-fashion-mnist). See"
          + " docs/DATA.md.",
      ""
    })
public final class DataScenesCommand implements Callable<Integer> {
  private static final int DEFAULT_MAX_SCALE = 112;
  private static final int DEFAULT_MIN_SCALE = 24;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--split",
      required = true,
      description = "train, val or test.",
      converter = SplitConverter.class)
  SceneSplit split;

  @Option(names = "--clips", required = true, description = "Number of clips to write.")
  int clips;

  @Option(
      names = "--frames",
      defaultValue = "32",
      description = "Frames per clip (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--out", required = true, description = "Output folder; writes OUT/<split>/.")
  Path out;

  @Option(
      names = "--size",
      defaultValue = "256",
      description =
          "Frame width and height in pixels (default: ${DEFAULT-VALUE}); items are 24..112 px,"
              + " capped at the frame size.")
  int size;

  @Option(
      names = "--seed-offset",
      defaultValue = "0",
      description = "Index of the first clip within the split (default: ${DEFAULT-VALUE}).")
  long seedOffset;

  @Option(
      names = "--sample-items",
      description =
          "Use the 100 Fashion-MNIST test items bundled with mambastream instead of the installed"
              + " package (for demos only: every split then shows test-set items).")
  boolean sampleItems;

  @Option(
      names = "--preview",
      paramLabel = "PNG",
      description =
          "Also write frame --preview-frame of the first clip, enlarged 2x, with boxes, track ids,"
              + " classes and visibility drawn.")
  Path preview;

  @Option(
      names = "--preview-frame",
      defaultValue = "0",
      description = "Which frame (0-based) --preview shows (default: ${DEFAULT-VALUE}).")
  int previewFrame;

  @Option(names = "--json", description = "Print a summary as one JSON object.")
  boolean json;

  /** Parses train/val/test in any case. */
  static final class SplitConverter implements CommandLine.ITypeConverter<SceneSplit> {
    @Override
    public SceneSplit convert(String value) {
      return SceneSplit.parse(value);
    }
  }

  @Override
  public Integer call() throws IOException {
    if (clips < 1 || frames < 1) {
      throw new IllegalArgumentException("--clips and --frames must be at least 1");
    }
    if (seedOffset < 0 || seedOffset + clips > SceneSplit.SEEDS_PER_SPLIT) {
      throw new IllegalArgumentException(
          "clips "
              + seedOffset
              + ".."
              + (seedOffset + clips - 1)
              + " exceed the "
              + SceneSplit.SEEDS_PER_SPLIT
              + " clips of a split");
    }
    int maxScale = Math.min(DEFAULT_MAX_SCALE, size);
    SceneConfig config =
        SceneConfig.builder()
            .optSize(size, size)
            .optScale(Math.min(DEFAULT_MIN_SCALE, maxScale), maxScale)
            .optClipLength(frames)
            .build();
    long start = System.nanoTime();
    ItemPool items = sampleItems ? ItemPool.bundledSample() : ItemPool.forSplit(split);
    SceneGenerator generator = new SceneGenerator(config, items);
    if (preview != null) {
      if (previewFrame < 0 || previewFrame >= frames) {
        throw new IllegalArgumentException(
            "--preview-frame " + previewFrame + " outside the clip's frames 0.." + (frames - 1));
      }
      PreviewImage.write(generator.clip(split, seedOffset).frame(previewFrame), 2, preview);
    }
    SceneDatasetWriter writer = new SceneDatasetWriter(generator);
    DatasetSummary summary;
    try (ProgressBar bar = progressBar((long) clips * frames)) {
      summary = writer.write(split, seedOffset, clips, out, (done, total) -> bar.stepTo(done));
    } finally {
      spec.commandLine().getErr().println();
      spec.commandLine().getErr().flush();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(stdout, summaryObject(summary, config, seconds));
    } else {
      stdout.printf(
          "wrote %d clips, %d frames, %d objects (%d hidden) of split %s to %s in %.1f s%n",
          summary.clips(),
          summary.frames(),
          summary.objects(),
          summary.hiddenObjects(),
          summary.split(),
          summary.directory(),
          seconds);
      stdout.flush();
    }
    return 0;
  }

  private ProgressBar progressBar(long total) {
    PrintWriter err = spec.commandLine().getErr();
    return new ProgressBarBuilder()
        .setTaskName("scenes " + split.label())
        .setInitialMax(total)
        .setUnit(" frames", 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(
            new DelegatingProgressBarConsumer(
                line -> {
                  err.print('\r' + line);
                  err.flush();
                },
                100))
        .build();
  }

  private static Map<String, Object> summaryObject(
      DatasetSummary summary, SceneConfig config, double seconds) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("split", summary.split());
    object.put("directory", summary.directory().toString());
    object.put("annotations", summary.annotations().toString());
    object.put("clips", summary.clips());
    object.put("frames", summary.frames());
    object.put("objects", summary.objects());
    object.put("hidden_objects", summary.hiddenObjects());
    object.put("tracks", summary.tracks());
    object.put("first_seed", summary.firstSeed());
    object.put("last_seed", summary.lastSeed());
    object.put("width", config.width());
    object.put("height", config.height());
    object.put("frames_per_clip", config.clipLength());
    object.put("items", summary.items());
    object.put("seconds", seconds);
    return object;
  }
}
