package io.mambastream.heads.eval.fid;

import ai.djl.modality.cv.Image;
import io.mambastream.ingest.fashion.FashionMnist;
import io.mambastream.ingest.fashion.FashionSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The images of one side of an FID: an image folder ({@link ImageFolder}) or items of Fashion-MNIST
 * ({@link FashionImages}), loaded a slice at a time.
 */
public interface ImageSet {

  /** The source name of the Fashion-MNIST test split, for {@link #open}. */
  String FASHION_TEST = "fashion-test";

  /** The source name of the Fashion-MNIST training split, for {@link #open}. */
  String FASHION_TRAIN = "fashion-train";

  /** The source name of the bundled 100-item Fashion-MNIST sample, for {@link #open}. */
  String FASHION_SAMPLE = "fashion-sample";

  /** Returns the number of images. */
  int size();

  /** Describes the source in one line, e.g. {@code folder real/ (100 images)}. */
  String description();

  /**
   * Loads images {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @throws IOException if an image cannot be read; the message names it
   */
  List<Image> load(int from, int to) throws IOException;

  /**
   * Opens a source: {@value #FASHION_TEST}, {@value #FASHION_TRAIN} (the idx files in {@code
   * fashionDir}), {@value #FASHION_SAMPLE} (bundled), or else a folder of PNG/JPEG images. At most
   * {@code limit} images are used (0: all), the first ones in file or name order.
   *
   * @throws IOException if the folder is missing or holds no image, or the split is not installed
   */
  static ImageSet open(String source, int limit, Path fashionDir) throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    return switch (source) {
      case FASHION_TEST ->
          FashionImages.of(source, FashionMnist.load(fashionDir, FashionSplit.TEST), limit);
      case FASHION_TRAIN ->
          FashionImages.of(source, FashionMnist.load(fashionDir, FashionSplit.TRAIN), limit);
      case FASHION_SAMPLE -> FashionImages.of(source, FashionMnist.bundledSample(), limit);
      default -> ImageFolder.of(Path.of(source), limit);
    };
  }
}
