package io.mambastream.heads.eval.fid;

import io.mambastream.ingest.fashion.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes items of the bundled Fashion-MNIST sample as image files, for the FID tests. */
final class SamplePngs {

  /** How an item is written. */
  enum Kind {
    /** 8-bit gray PNG, 28×28. */
    GRAY,
    /** 24-bit RGB PNG with R = G = B, 28×28. */
    RGB,
    /** 8-bit gray PNG, 56×56, every pixel repeated 2×2 (nearest-neighbour upscale). */
    GRAY_2X;

    /** Returns the kinds that hold the item's exact 28×28 pixels. */
    static List<Kind> exact() {
      return List.of(GRAY, RGB);
    }
  }

  private SamplePngs() {}

  /** Writes items {@code 0..count-1} into a new folder {@code dir} as {@code NNN.png}. */
  static Path write(Path dir, int count, Kind kind) throws IOException {
    Files.createDirectories(dir);
    FashionMnist sample = FashionMnist.bundledSample();
    int scale = kind == Kind.GRAY_2X ? 2 : 1;
    int side = FashionMnist.SIDE * scale;
    for (int i = 0; i < count; i++) {
      BufferedImage image =
          new BufferedImage(
              side,
              side,
              kind == Kind.RGB ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int v = sample.pixel(i, y / scale, x / scale);
          if (kind == Kind.RGB) {
            image.setRGB(x, y, v << 16 | v << 8 | v);
          } else {
            image.getRaster().setSample(x, y, 0, v);
          }
        }
      }
      ImageIO.write(image, "png", dir.resolve(String.format("%03d.png", i)).toFile());
    }
    return dir;
  }
}
