package io.mambastream.backbones.zoo;

import io.mambastream.backbones.train.ModelArtifact;
import io.mambastream.backbones.train.ModelCard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The models shipped inside the jar: each is a zip of a {@link ModelArtifact} directory at {@code
 * /io/mambastream/zoo/NAME.zip}, listed in {@code /io/mambastream/zoo/models.list}.
 */
public final class ShippedModels {

  /** The classpath folder of the shipped archives. */
  public static final String FOLDER = "/io/mambastream/zoo/";

  private ShippedModels() {}

  /** Returns the artifact ids of the shipped models. */
  public static List<String> names() {
    try (InputStream in = ShippedModels.class.getResourceAsStream(FOLDER + "models.list")) {
      if (in == null) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.strip());
        }
      }
      return List.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the {@code jar://} URL of a shipped model, for {@code Criteria.optModelUrls}. */
  public static String jarUrl(String name) {
    return "jar://" + FOLDER + name + ".zip";
  }

  /** Returns the size in bytes of a shipped archive. */
  public static long archiveBytes(String name) throws IOException {
    try (InputStream in = open(name)) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /** Reads the card of a shipped model. */
  public static ModelCard card(String name) throws IOException {
    Path dir = Files.createTempDirectory("mambastream-card");
    try {
      extract(name, dir, ModelArtifact.CARD);
      return ModelArtifact.readCard(dir);
    } finally {
      deleteTree(dir);
    }
  }

  /** Counts the parameters (scalars) in the weights of a shipped model. */
  public static long parameterCount(String name) throws IOException {
    Path dir = Files.createTempDirectory("mambastream-weights");
    try {
      extract(name, dir, ModelArtifact.WEIGHTS);
      long count = 0;
      var weights =
          io.mambastream.backbones.checkpoint.Checkpoints.read(dir.resolve(ModelArtifact.WEIGHTS));
      for (String tensor : weights.names()) {
        count += weights.get(tensor).numel();
      }
      return count;
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Extracts a shipped model into {@code dir} (only the entry {@code only} if not null).
   *
   * @throws IOException if the model is not shipped
   */
  public static void extract(String name, Path dir, String only) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(open(name))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String file = Path.of(entry.getName()).getFileName().toString();
        if (entry.isDirectory() || (only != null && !only.equals(file))) {
          continue;
        }
        Files.copy(zip, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = ShippedModels.class.getResourceAsStream(FOLDER + name + ".zip");
    if (in == null) {
      throw new java.nio.file.NoSuchFileException(
          name, null, "no shipped model of that name; shipped: " + names());
    }
    return in;
  }

  /** Deletes a directory tree (best effort). */
  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temporary files; nothing else to do
    }
  }

  /** Writes {@code dir}'s artifact files into {@code zipFile} (flat, no folders). */
  public static void pack(Path dir, Path zipFile) throws IOException {
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zipFile))) {
      for (String file :
          List.of(ModelArtifact.CARD, ModelArtifact.WEIGHTS, ModelArtifact.SERVING)) {
        Path source = Objects.requireNonNull(dir.resolve(file));
        out.putNextEntry(new ZipEntry(file));
        Files.copy(source, out);
        out.closeEntry();
      }
    }
  }
}
