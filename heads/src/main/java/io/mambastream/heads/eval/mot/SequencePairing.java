package io.mambastream.heads.eval.mot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Pairs ground-truth and prediction files by sequence name.
 *
 * <p>Either both paths are files (one sequence, named after the ground truth: {@code SEQ} for
 * {@code SEQ/gt/gt.txt}, else the file name without {@code .txt}), or both are folders. In a
 * folder, a sequence is a file {@code SEQ.txt} or a MOTChallenge folder {@code SEQ/gt/gt.txt}.
 * Every sequence must be on both sides; the error lists those that are not.
 */
public final class SequencePairing {
  private SequencePairing() {}

  /** Returns the pairs, sorted by name. */
  public static List<SequencePair> pair(Path gt, Path pred) throws IOException {
    boolean gtDir = Files.isDirectory(gt);
    boolean predDir = Files.isDirectory(pred);
    requireExists(gt, "ground truth");
    requireExists(pred, "predictions");
    if (gtDir != predDir) {
      throw new IllegalArgumentException(
          "--gt and --pred must both be files or both be folders: "
              + gt
              + (gtDir ? " is a folder, " : " is a file, ")
              + pred
              + (predDir ? " is a folder" : " is a file"));
    }
    if (!gtDir) {
      return List.of(new SequencePair(nameOf(gt), gt, pred));
    }
    Map<String, Path> gtFiles = sequences(gt);
    Map<String, Path> predFiles = sequences(pred);
    List<String> onlyGt = new ArrayList<>(gtFiles.keySet());
    onlyGt.removeAll(predFiles.keySet());
    List<String> onlyPred = new ArrayList<>(predFiles.keySet());
    onlyPred.removeAll(gtFiles.keySet());
    if (!onlyGt.isEmpty() || !onlyPred.isEmpty()) {
      throw new IllegalArgumentException(
          "unpaired sequences: without predictions "
              + onlyGt
              + ", without ground truth "
              + onlyPred
              + " (GT "
              + gt
              + ", predictions "
              + pred
              + ")");
    }
    List<SequencePair> pairs = new ArrayList<>();
    gtFiles.forEach((name, file) -> pairs.add(new SequencePair(name, file, predFiles.get(name))));
    return pairs;
  }

  /** Returns the sequence files of a folder by name. */
  static Map<String, Path> sequences(Path folder) throws IOException {
    Map<String, Path> found = new TreeMap<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : entries.sorted().toList()) {
        String file = entry.getFileName().toString();
        Path layout = entry.resolve("gt").resolve("gt.txt");
        if (Files.isRegularFile(entry) && file.endsWith(".txt")) {
          add(found, file.substring(0, file.length() - 4), entry);
        } else if (Files.isDirectory(entry) && Files.isRegularFile(layout)) {
          add(found, file, layout);
        }
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "no sequences in " + folder + " (expected SEQ.txt files or SEQ/gt/gt.txt folders)");
    }
    return found;
  }

  private static void add(Map<String, Path> found, String name, Path file) {
    Path previous = found.putIfAbsent(name, file);
    if (previous != null) {
      throw new IllegalArgumentException(
          "sequence " + name + " appears twice: " + previous + " and " + file);
    }
  }

  private static String nameOf(Path file) {
    Path parent = file.getParent();
    String name = file.getFileName().toString();
    if (name.equals("gt.txt")
        && parent != null
        && parent.getFileName().toString().equals("gt")
        && parent.getParent() != null
        && parent.getParent().getFileName() != null) {
      return parent.getParent().getFileName().toString();
    }
    return name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name;
  }

  private static void requireExists(Path path, String what) throws IOException {
    if (!Files.exists(path)) {
      throw new java.nio.file.NoSuchFileException(path.toString(), null, what + " not found");
    }
  }
}
