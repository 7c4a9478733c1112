package io.mambastream.heads.eval.miou;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Evaluates a folder of predicted label PNGs against a folder of ground-truth label PNGs, paired by
 * file name, with mmsegmentation's dataset-level mIoU ({@link SegmentationAreas}).
 */
public final class MiouEvaluator {

  private final int classes;
  private final int ignoreIndex;

  /** Creates an evaluator for {@code classes} classes and the given ignore index (mmseg: 255). */
  public MiouEvaluator(int classes, int ignoreIndex) {
    if (classes < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + classes);
    }
    this.classes = classes;
    this.ignoreIndex = ignoreIndex;
  }

  /**
   * Reads every {@code *.png} in {@code gtDir} and {@code predDir} (not recursive), pairs them by
   * file name and returns the metrics over all pairs.
   *
   * @throws IOException if a folder is missing or empty, a file is unreadable, a file has no
   *     partner, or a pair differs in size (the message lists every such file)
   */
  public MiouResult evaluate(Path gtDir, Path predDir) throws IOException {
    Set<String> gtNames = pngNames(gtDir, "ground-truth");
    Set<String> predNames = pngNames(predDir, "prediction");
    List<String> unpaired = new ArrayList<>();
    for (String name : gtNames) {
      if (!predNames.contains(name)) {
        unpaired.add(name + " (no prediction)");
      }
    }
    for (String name : predNames) {
      if (!gtNames.contains(name)) {
        unpaired.add(name + " (no ground truth)");
      }
    }
    if (!unpaired.isEmpty()) {
      throw new IOException("unpaired label files: " + String.join(", ", unpaired));
    }
    SegmentationAreas areas = new SegmentationAreas(classes, ignoreIndex);
    List<String> mismatched = new ArrayList<>();
    for (String name : gtNames) {
      LabelMap gt = LabelPng.read(gtDir.resolve(name));
      LabelMap pred = LabelPng.read(predDir.resolve(name));
      if (gt.width() != pred.width() || gt.height() != pred.height()) {
        mismatched.add(
            String.format(
                Locale.ROOT,
                "%s (ground truth %d×%d, prediction %d×%d)",
                name,
                gt.width(),
                gt.height(),
                pred.width(),
                pred.height()));
        continue;
      }
      areas.add(pred.labels(), gt.labels());
    }
    if (!mismatched.isEmpty()) {
      throw new IOException("size mismatch: " + String.join(", ", mismatched));
    }
    return areas.metrics();
  }

  private static Set<String> pngNames(Path dir, String what) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(what + " folder " + dir + " does not exist");
    }
    try (Stream<Path> files = Files.list(dir)) {
      Set<String> names =
          files
              .filter(Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".png"))
              .collect(Collectors.toCollection(TreeSet::new));
      if (names.isEmpty()) {
        throw new IOException(what + " folder " + dir + " holds no .png files");
      }
      return names;
    }
  }
}
