package io.mambastream.heads.eval.fid;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import io.mambastream.ingest.fashion.FashionMnist;
import java.util.ArrayList;
import java.util.List;

/**
 * The first items of a Fashion-MNIST split as gray 28×28 images, so that they reach the classifier
 * through the same image path as files do.
 *
 * @param name the source name, e.g. {@code fashion-test}
 * @param data the items
 * @param count how many of the first items are used
 */
public record FashionImages(String name, FashionMnist data, int count) implements ImageSet {

  /** Checks the count. */
  public FashionImages {
    if (count <= 0 || count > data.size()) {
      throw new IllegalArgumentException("count must be in [1, " + data.size() + "], got " + count);
    }
  }

  /** Returns the first {@code limit} items of {@code data} (0: all). */
  public static FashionImages of(String name, FashionMnist data, int limit) {
    return new FashionImages(name, data, limit > 0 ? Math.min(limit, data.size()) : data.size());
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public String description() {
    return name + ": " + data.source() + " (first " + count + " images)";
  }

  @Override
  public List<Image> load(int from, int to) {
    List<Image> images = new ArrayList<>(to - from);
    int[] argb = new int[FashionMnist.PIXELS];
    for (int i = from; i < to; i++) {
      byte[] pixels = data.image(i);
      for (int p = 0; p < argb.length; p++) {
        int v = pixels[p] & 0xff;
        argb[p] = 0xff000000 | v << 16 | v << 8 | v;
      }
      images.add(ImageFactory.getInstance().fromPixels(argb, FashionMnist.SIDE, FashionMnist.SIDE));
    }
    return images;
  }
}
