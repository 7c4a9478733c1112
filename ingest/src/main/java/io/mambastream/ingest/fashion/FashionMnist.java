package io.mambastream.ingest.fashion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Fashion-MNIST items: N grayscale images of 28×28 unsigned bytes (0 = background, row-major) and
 * their labels 0..9 (see {@link #CLASS_NAMES}).
 *
 * <p>{@link #load(FashionSplit)} reads the full split from Debian package {@code
 * dataset-fashion-mnist}; {@link #bundledSample()} reads 100 test-set items shipped in this jar.
 * Fashion-MNIST is © 2017 Zalando SE, MIT (Expat) licensed.
 */
public final class FashionMnist {
  /** Rows and columns of every image. */
  public static final int SIDE = 28;

  /** Pixels of every image. */
  public static final int PIXELS = SIDE * SIDE;

  /** Names of labels 0..9, as the dataset publishes them. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Where Debian package {@code dataset-fashion-mnist} installs the idx files. */
  public static final Path INSTALLED_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  private static final String SAMPLE_IMAGES = "sample-t10k-images-idx3-ubyte.gz";
  private static final String SAMPLE_LABELS = "sample-t10k-labels-idx1-ubyte.gz";

  private final String source;
  private final byte[] images;
  private final byte[] labels;

  private FashionMnist(String source, byte[] images, byte[] labels) {
    this.source = source;
    this.images = images;
    this.labels = labels;
  }

  /** Reads a full split from {@link #INSTALLED_DIR}. */
  public static FashionMnist load(FashionSplit split) throws IOException {
    return load(INSTALLED_DIR, split);
  }

  /** Reads a split from the idx files in {@code dir} (names as the dataset publishes them). */
  public static FashionMnist load(Path dir, FashionSplit split) throws IOException {
    Path imageFile = dir.resolve(split.imagesFile());
    Path labelFile = dir.resolve(split.labelsFile());
    for (Path file : List.of(imageFile, labelFile)) {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(
            file.toString(),
            null,
            "Fashion-MNIST is not installed; install it with `apt-get install"
                + " dataset-fashion-mnist`");
      }
    }
    try (InputStream imageIn = Files.newInputStream(imageFile);
        InputStream labelIn = Files.newInputStream(labelFile)) {
      FashionMnist set = read(imageIn, labelIn, dir.toString() + " (" + split + ")");
      if (set.size() != split.size()) {
        throw new IOException(
            dir + ": " + split + " has " + set.size() + " items, expected " + split.size());
      }
      return set;
    }
  }

  /**
   * Reads the bundled sample: 100 items of the test split, the first 10 of each class in file order
   * (indices listed in {@code sample-provenance.txt} beside the resource).
   */
  public static FashionMnist bundledSample() {
    try (InputStream imageIn = resource(SAMPLE_IMAGES);
        InputStream labelIn = resource(SAMPLE_LABELS)) {
      return read(imageIn, labelIn, "bundled Fashion-MNIST sample");
    } catch (IOException e) {
      throw new IllegalStateException("the bundled Fashion-MNIST sample is unreadable", e);
    }
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(
        FashionMnist.class.getResourceAsStream(name), "missing resource " + name);
  }

  /** Reads images and labels idx streams (gzipped or not) and checks that they agree. */
  public static FashionMnist read(InputStream imageIn, InputStream labelIn, String source)
      throws IOException {
    IdxReader.IdxArray images = IdxReader.read(imageIn, 3, source + " images");
    IdxReader.IdxArray labels = IdxReader.read(labelIn, 1, source + " labels");
    int[] dims = images.dims();
    if (dims[1] != SIDE || dims[2] != SIDE) {
      throw new IOException(
          source + ": images are " + dims[1] + "x" + dims[2] + ", expected " + SIDE + "x" + SIDE);
    }
    if (dims[0] != labels.dims()[0]) {
      throw new IOException(
          source + ": " + dims[0] + " images but " + labels.dims()[0] + " labels");
    }
    for (int i = 0; i < labels.data().length; i++) {
      if (labels.data()[i] < 0 || labels.data()[i] >= CLASS_NAMES.size()) {
        throw new IOException(source + ": label " + labels.data()[i] + " of item " + i);
      }
    }
    return new FashionMnist(source, images.data(), labels.data());
  }

  /**
   * Items {@code from} (inclusive) to {@code to} (exclusive) as a set of their own, e.g. the
   * validation items that training holds out at the end of the training split.
   */
  public FashionMnist slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException(
          "items " + from + ".." + to + " of a set of " + size() + " (" + source + ")");
    }
    byte[] sliceImages = new byte[(to - from) * PIXELS];
    System.arraycopy(images, from * PIXELS, sliceImages, 0, sliceImages.length);
    byte[] sliceLabels = new byte[to - from];
    System.arraycopy(labels, from, sliceLabels, 0, sliceLabels.length);
    return new FashionMnist(source + " items " + from + ".." + (to - 1), sliceImages, sliceLabels);
  }

  /** The number of items. */
  public int size() {
    return labels.length;
  }

  /** Where the items were read from. */
  public String source() {
    return source;
  }

  /** The label 0..9 of item {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** The 28×28 pixel of item {@code i} at row {@code r}, column {@code c}, as 0..255. */
  public int pixel(int i, int r, int c) {
    return images[i * PIXELS + r * SIDE + c] & 0xff;
  }

  /** A copy of the 784 row-major pixel bytes of item {@code i}. */
  public byte[] image(int i) {
    byte[] image = new byte[PIXELS];
    System.arraycopy(images, i * PIXELS, image, 0, PIXELS);
    return image;
  }
}
