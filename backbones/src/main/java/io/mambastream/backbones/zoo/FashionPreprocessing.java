package io.mambastream.backbones.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.train.ModelCard;

/**
 * Turns an image array into a classifier input as in training: luminance (ITU-R BT.601 weights),
 * bilinear resize to the model's size, scale to [0, 1], normalise with the card's mean and std.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(H, W, C) bytes or floats in 0..255, C = 1 or 3 (RGB order)</td></tr>
 *   <tr><td>output</td><td>(1, S, S) float32, S = the model's image size</td></tr>
 * </table>
 *
 * <p>Fashion-MNIST items are light objects on a black background; photos of dark objects on a light
 * background should be inverted first.
 */
final class FashionPreprocessing {

  private final int size;
  private final float mean;
  private final float std;

  FashionPreprocessing(ModelCard card) {
    this.size = card.config().imageSize();
    this.mean = (float) card.mean();
    this.std = (float) card.std();
  }

  /** Returns the normalised (1, S, S) input for an (H, W, C) RGB or gray array. */
  NDArray apply(NDArray hwc) {
    NDArray pixels = hwc.toType(DataType.FLOAT32, false);
    long channels = pixels.getShape().get(2);
    NDArray gray; // (H, W)
    if (channels == 1) {
      gray = pixels.squeeze(2);
    } else if (channels == 3) {
      NDArray weights = pixels.getManager().create(new float[] {0.299f, 0.587f, 0.114f});
      gray = pixels.mul(weights).sum(new int[] {2});
    } else {
      throw new IllegalArgumentException("images need 1 or 3 channels, got " + hwc.getShape());
    }
    NDArray resized = gray;
    if (gray.getShape().get(0) != size || gray.getShape().get(1) != size) {
      // (1, 1, H, W) -> bilinear -> (1, 1, S, S): torch's interpolate via DJL's NDImageUtils path
      resized =
          ai.djl.modality.cv.util.NDImageUtils.resize(
                  gray.expandDims(2), size, size, ai.djl.modality.cv.Image.Interpolation.BILINEAR)
              .squeeze(2);
    }
    return resized.div(255f).sub(mean).div(std).reshape(new Shape(1, size, size));
  }
}
