package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import io.mambastream.backbones.scan.TokenGrid;

/**
 * Cuts an image into non-overlapping P×P patches and projects each to D channels (a convolution
 * with kernel = stride = P), as ViT and Vim do.
 *
 * <table>
 *   <caption>Shapes (P patch size, h = H / P, w = W / P, M = h·w)</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(B, C, H, W)</td></tr>
 *   <tr><td>{@code proj.weight}</td><td>(D, C, P, P)</td></tr>
 *   <tr><td>{@code proj.bias}</td><td>(D)</td></tr>
 *   <tr><td>output</td><td>(B, M, D), tokens in row-major grid order</td></tr>
 * </table>
 */
public final class PatchEmbed extends AbstractBlock {

  private final int inChannels;
  private final int patchSize;
  private final int embedDim;
  private final Parameter weight;
  private final Parameter bias;

  /** Creates a patch embedding of {@code inChannels} → {@code embedDim} with square patches. */
  public PatchEmbed(int inChannels, int embedDim, int patchSize) {
    if (inChannels <= 0 || embedDim <= 0 || patchSize <= 0) {
      throw new IllegalArgumentException("channels, width and patch size must be positive");
    }
    this.inChannels = inChannels;
    this.patchSize = patchSize;
    this.embedDim = embedDim;
    // LeCun normal (std = 1/sqrt(fan_in)), the init Vim gives its patch projection.
    weight =
        addParameter(
            Parameter.builder()
                .setName("proj.weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(embedDim, inChannels, patchSize, patchSize))
                .optInitializer(
                    new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 1))
                .build());
    bias =
        addParameter(
            Parameter.builder()
                .setName("proj.bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(embedDim))
                .build());
  }

  /** Returns the patch size P. */
  public int patchSize() {
    return patchSize;
  }

  /**
   * Checks that {@code images} is (B, C, S, S) at the square size {@code imageSize}.
   *
   * @throws IllegalArgumentException naming the expected and the actual shape
   */
  public void checkSquare(Shape images, int imageSize) {
    if (images.dimension() != 4
        || images.get(1) != inChannels
        || images.get(2) != imageSize
        || images.get(3) != imageSize) {
      throw new IllegalArgumentException(
          String.format(
              "images must be (B, %d, %d, %d), got %s", inChannels, imageSize, imageSize, images));
    }
  }

  /**
   * Returns the h×w patch grid of {@code images}, (B, C, H, W) with H and W positive multiples of
   * P.
   *
   * @throws IllegalArgumentException naming the actual shape if it is not such
   */
  public TokenGrid gridOf(Shape images) {
    if (images.dimension() != 4
        || images.get(1) != inChannels
        || images.get(2) % patchSize != 0
        || images.get(3) % patchSize != 0
        || images.get(2) == 0
        || images.get(3) == 0) {
      throw new IllegalArgumentException(
          "images must be (B, "
              + inChannels
              + ", H, W) with H and W positive multiples of "
              + patchSize
              + ", got "
              + images);
    }
    return TokenGrid.of(
        Math.toIntExact(images.get(2) / patchSize), Math.toIntExact(images.get(3) / patchSize));
  }

  /** Projects patches: (B, C, H, W) → (B, D, H / P, W / P). */
  public NDArray project(ParameterStore parameterStore, NDArray images, boolean training) {
    if (images.getShape().dimension() != 4) {
      throw new IllegalArgumentException("images must be (B, C, H, W), got " + images.getShape());
    }
    NDArray w = parameterStore.getValue(weight, images.getDevice(), training);
    NDArray b = parameterStore.getValue(bias, images.getDevice(), training);
    Shape stride = new Shape(patchSize, patchSize);
    return Conv2d.conv2d(images, w, b, stride, new Shape(0, 0), new Shape(1, 1), 1)
        .singletonOrThrow();
  }

  /** Flattens a projected grid (B, D, h, w) into tokens (B, h·w, D). */
  public static NDArray tokens(NDArray grid) {
    Shape s = grid.getShape();
    return grid.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(tokens(project(parameterStore, inputs.singletonOrThrow(), training)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long tokens = (in.get(2) / patchSize) * (in.get(3) / patchSize);
    return new Shape[] {new Shape(in.get(0), tokens, embedDim)};
  }
}
