package io.mambastream.heads.eval.miou;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads label PNGs: single-band images (8- or 16-bit grayscale, or palette images) whose raw sample
 * values are the class ids. No colour conversion happens: a palette image yields its palette
 * indices, as PIL's {@code Image.open} in mode "P" does for mmsegmentation.
 */
public final class LabelPng {

  private LabelPng() {}

  /**
   * Reads {@code file}.
   *
   * @throws IOException if the file cannot be decoded or holds more than one band (RGB, RGBA, grey
   *     with alpha)
   */
  public static LabelMap read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException(file + " is not a readable image");
    }
    Raster raster = image.getRaster();
    if (raster.getNumBands() != 1) {
      throw new IOException(
          file
              + " has "
              + raster.getNumBands()
              + " bands; label maps must be single-channel (8-bit grayscale or palette index)");
    }
    int w = raster.getWidth();
    int h = raster.getHeight();
    int[] labels = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
    return new LabelMap(w, h, labels);
  }
}
