package io.mambastream.demo;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import io.mambastream.ingest.Frame;
import io.mambastream.ingest.scenes.Box;
import io.mambastream.ingest.scenes.ObjectTruth;
import java.awt.image.BufferedImage;

/**
 * Cuts one object out of a frame the way Fashion-MNIST shows items: the square around its box, its
 * visible mask pixels at their brightest channel (which undoes the tint's colour, not its
 * darkening), everything else black.
 */
final class ItemCrops {
  private ItemCrops() {}

  /** Returns the object's crop as a gray DJL image. */
  static Image crop(Frame frame, ObjectTruth object) {
    Box box = object.box();
    int side = Math.max(box.w(), box.h());
    int x0 = box.x() - (side - box.w()) / 2;
    int y0 = box.y() - (side - box.h()) / 2;
    boolean[] mask = object.mask().decode(); // row-major, frame-sized
    BufferedImage crop = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int fx = x0 + x;
        int fy = y0 + y;
        int v = 0;
        if (fx >= 0
            && fy >= 0
            && fx < frame.width()
            && fy < frame.height()
            && mask[fy * frame.width() + fx]) {
          v =
              Math.max(
                  frame.sample(fx, fy, 0),
                  Math.max(frame.sample(fx, fy, 1), frame.sample(fx, fy, 2)));
        }
        crop.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    return ImageFactory.getInstance().fromImage(crop);
  }
}
