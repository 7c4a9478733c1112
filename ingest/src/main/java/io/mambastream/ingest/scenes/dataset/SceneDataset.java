package io.mambastream.ingest.scenes.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A split folder written by {@link SceneDatasetWriter}, read back: its COCO file and the {@code
 * gt.txt} rows of every clip; frames and semantic masks are read on demand.
 *
 * @param directory the split folder
 * @param coco the parsed {@code annotations.json}
 * @param groundTruth {@code gt.txt} rows per clip name, in file order
 */
public record SceneDataset(Path directory, CocoFile coco, Map<String, List<MotRow>> groundTruth) {

  /** Reads {@code annotations.json} and each clip's {@code gt/gt.txt} under {@code splitDir}. */
  public static SceneDataset read(Path splitDir) throws IOException {
    Path annotations = splitDir.resolve("annotations.json");
    if (!Files.isRegularFile(annotations)) {
      throw new IOException(
          splitDir + " has no annotations.json: not a MovingFashion split folder");
    }
    CocoFile coco = CocoFile.read(annotations);
    Map<String, List<MotRow>> groundTruth = new LinkedHashMap<>();
    for (CocoFile.Video video : coco.videos()) {
      groundTruth.put(
          video.name(), MotRow.read(splitDir.resolve(video.name()).resolve("gt/gt.txt")));
    }
    return new SceneDataset(splitDir, coco, groundTruth);
  }

  /** The RGB bytes of frame {@code number} (1-based) of {@code clip}. */
  public byte[] image(String clip, int number) throws IOException {
    return PngImages.readRgb(directory.resolve(clip).resolve("img1").resolve(fileName(number)));
  }

  /** The semantic mask (class ids 0..10) of frame {@code number} (1-based) of {@code clip}. */
  public byte[] semanticMask(String clip, int number) throws IOException {
    return PngImages.readGray(
        directory.resolve(clip).resolve("semantic").resolve(fileName(number)));
  }

  private static String fileName(int number) {
    return String.format("%06d.png", number);
  }
}
