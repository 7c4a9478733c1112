package io.mambastream.heads.eval.fid;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The PNG and JPEG files directly inside a folder ({@code .png}, {@code .jpg}, {@code .jpeg}, any
 * case; not recursive; other files ignored), in name order.
 *
 * @param folder the folder
 * @param files the image files, sorted by name
 */
public record ImageFolder(Path folder, List<Path> files) implements ImageSet {

  /** Copies the list. */
  public ImageFolder {
    files = List.copyOf(files);
  }

  /**
   * Lists the images of {@code folder}, the first {@code limit} by name (0: all).
   *
   * @throws IOException if the folder is missing or holds no image
   */
  public static ImageFolder of(Path folder, int limit) throws IOException {
    if (!Files.exists(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "no such image folder");
    }
    if (!Files.isDirectory(folder)) {
      throw new NotDirectoryException(folder + " (an image folder is needed)");
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(folder)) {
      files =
          entries
              .filter(ImageFolder::isImage)
              .sorted()
              .limit(limit > 0 ? limit : Long.MAX_VALUE)
              .toList();
    }
    if (files.isEmpty()) {
      throw new IOException(folder + " holds no .png, .jpg or .jpeg image");
    }
    return new ImageFolder(folder, files);
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file)
        && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
  }

  @Override
  public int size() {
    return files.size();
  }

  @Override
  public String description() {
    return "folder " + folder + " (" + files.size() + " images)";
  }

  @Override
  public List<Image> load(int from, int to) throws IOException {
    List<Image> images = new ArrayList<>(to - from);
    for (Path file : files.subList(from, to)) {
      images.add(read(file));
    }
    return images;
  }

  private static Image read(Path file) throws IOException {
    try {
      return ImageFactory.getInstance().fromFile(file);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          file + ": not a readable PNG or JPEG image (" + e.getMessage() + ")", e);
    }
  }
}
