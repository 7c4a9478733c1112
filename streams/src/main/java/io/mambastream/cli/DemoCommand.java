package io.mambastream.cli;

import io.mambastream.demo.DemoConfig;
import io.mambastream.demo.DemoRun;
import io.mambastream.demo.DemoSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code demo} command: runs what exists end to end on bundled input. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the end-to-end demo on bundled input.",
      "",
      "Needs no network and no data package. Renders a MovingFashion test clip from the",
      "bundled Fashion-MNIST sample and writes it with its ground truth (COCO JSON,",
      "masks, MOTChallenge gt.txt); draws annotated frames; classifies every mostly",
      "visible object, cut out of its frame, with the shipped vim-tiny-fashion model;",
      "runs frames through a Vision Mamba backbone with the fused and the chunked scan",
      "and compares them. With --device gpu the classifier and the second scan run on",
      "the GPU, the second scan being our CUDA scan where it is built (the fused scan is",
      "a CPU kernel).",
      "Writes OUT/scenes/, OUT/annotated/, OUT/preview.png and OUT/summary.json."
    })
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "demo-out",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--frames",
      defaultValue = "16",
      description = "Frames in the clip (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(
      names = "--clip",
      defaultValue = "0",
      description = "Index of the test-split clip to render (default: ${DEFAULT-VALUE}).")
  long clip;

  @Option(
      names = "--size",
      defaultValue = "256",
      description = "Frame width and height, a multiple of 16 (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--backbone-frames",
      defaultValue = "4",
      description = "Frames run through the backbone, 0 to skip it (default: ${DEFAULT-VALUE}).")
  int backboneFrames;

  @CommandLine.Mixin DeviceOption device = new DeviceOption();

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    DemoConfig config = new DemoConfig(out, frames, clip, size, backboneFrames, device.device());
    PrintWriter err = spec.commandLine().getErr();
    DemoSummary summary;
    try (ProgressBar bar = ProgressBars.open(err, "demo", 2L * frames + backboneFrames, "steps")) {
      summary = new DemoRun(config, (done, total) -> bar.stepTo(done)).run();
    } finally {
      err.println();
      err.flush();
    }
    Files.writeString(
        out.resolve("summary.json"),
        JsonOutput.mapper().writeValueAsString(summary) + System.lineSeparator());
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(stdout, summary);
    } else {
      printSummary(stdout, summary);
    }
    return 0;
  }

  private static void printSummary(PrintWriter out, DemoSummary summary) {
    var scenes = summary.scenes();
    out.printf(
        "MovingFashion clip: %d frames, %d visible objects, %d tracks (%s)%n",
        scenes.frames(), scenes.objects(), scenes.tracks(), scenes.items());
    out.printf(
        "  ground truth: %s (COCO), %s (frames, masks, gt.txt)%n",
        scenes.annotations(), scenes.directory());
    for (Map.Entry<String, Long> e : summary.objectsPerClass().entrySet()) {
      out.printf("  %-12s %5d objects%n", e.getKey(), e.getValue());
    }
    out.printf("  annotated frames: %s%n  preview: %s%n", summary.annotated(), summary.preview());
    var classification = summary.classification();
    out.printf(
        "Classifier %s (Fashion-MNIST test accuracy %.2f %%) on the clip's cut-out objects:"
            + " %d of %d right (%.1f %%)%n",
        classification.model(),
        100 * classification.recordedTestAccuracy(),
        classification.correct(),
        classification.objects(),
        100 * classification.accuracy());
    var backbone = summary.backbone();
    if (backbone != null) {
      out.printf("Backbone: %s%n", backbone.model());
      out.printf(
          "  features %s per frame; fused scan (CPU) %.1f ms/frame, %s scan (%s) %.1f"
              + " ms/frame (median of %d)%n",
          java.util.Arrays.toString(backbone.featureShape()),
          backbone.fusedMsPerFrame(),
          backbone.scan(),
          backbone.device(),
          backbone.scanMsPerFrame(),
          backbone.frames());
      out.printf(
          "  fused vs %s features: max relative difference %.2e%n",
          backbone.scan(), backbone.maxRelativeDifference());
    }
    out.printf("Done in %.1f s; summary in %s%n", summary.seconds(), "summary.json");
    out.flush();
  }
}
