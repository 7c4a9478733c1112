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
import java.util.Map;

/**
 * Cuts an image into non-overlapping P×P patches and projects each to D channels (a convolution
 * with kernel = stride = P), as ViT and Vim do; or, with a convolutional stem, first convolves the
 * image (3×3, stride 2, padding 1, SiLU) to S = max(8, D / 4) channels at half resolution and then
 * cuts that into (P/2)×(P/2) patches: the same M tokens, each seeing an overlapping 3×3
 * neighbourhood of pixels first (Xiao et al., "Early convolutions help transformers see better").
 *
 * <table>
 *   <caption>Shapes (P patch size, h = H / P, w = W / P, M = h·w)</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(B, C, H, W)</td></tr>
 *   <tr><td>{@code stem.weight}, {@code stem.bias} (stem only)</td><td>(S, C, 3, 3), (S)</td></tr>
 *   <tr><td>{@code proj.weight}</td><td>(D, C, P, P); with the stem (D, S, P/2, P/2)</td></tr>
 *   <tr><td>{@code proj.bias}</td><td>(D)</td></tr>
 *   <tr><td>output</td><td>(B, M, D), tokens in row-major grid order</td></tr>
 * </table>
 */
public final class PatchEmbed extends AbstractBlock {

  private final int inChannels;
  private final int patchSize;
  private final int embedDim;
  private final Parameter stemWeight;
  private final Parameter stemBias;
  private final Parameter weight;
  private final Parameter bias;

  /** Creates a patch embedding of {@code inChannels} → {@code embedDim} with square patches. */
  public PatchEmbed(int inChannels, int embedDim, int patchSize) {
    this(inChannels, embedDim, patchSize, false);
  }

  /**
   * Creates a patch embedding of {@code inChannels} → {@code embedDim} with square patches, with a
   * convolutional stem when {@code convStem} (then P must be even).
   */
  public PatchEmbed(int inChannels, int embedDim, int patchSize, boolean convStem) {
    if (inChannels <= 0 || embedDim <= 0 || patchSize <= 0) {
      throw new IllegalArgumentException("channels, width and patch size must be positive");
    }
    if (convStem && patchSize % 2 != 0) {
      throw new IllegalArgumentException(
          "a convolutional stem needs an even patch size, got " + patchSize);
    }
    this.inChannels = inChannels;
    this.patchSize = patchSize;
    this.embedDim = embedDim;
    int projIn = inChannels;
    int kernel = patchSize;
    if (convStem) {
      projIn = stemChannels(embedDim);
      kernel = patchSize / 2;
      stemWeight = addParameter(lecunNormal("stem.weight", new Shape(projIn, inChannels, 3, 3)));
      stemBias = addParameter(zeros("stem.bias", projIn));
    } else {
      stemWeight = null;
      stemBias = null;
    }
    // LeCun normal (std = 1/sqrt(fan_in)), the init Vim gives its patch projection.
    weight = addParameter(lecunNormal("proj.weight", new Shape(embedDim, projIn, kernel, kernel)));
    bias = addParameter(zeros("proj.bias", embedDim));
  }

  /** Returns the stem's channels S for width D: max(8, D / 4). */
  public static int stemChannels(int embedDim) {
    return Math.max(8, embedDim / 4);
  }

  private static Parameter lecunNormal(String name, Shape shape) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optShape(shape)
        .optInitializer(
            new XavierInitializer(
                XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 1))
        .build();
  }

  private static Parameter zeros(String name, int size) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.BIAS)
        .optShape(new Shape(size))
        .build();
  }

  /**
   * The sizes of a patch embedding as a state dict's shapes under {@code patch_embed.} give them.
   *
   * @param embedDim width D
   * @param inChannels image channels C
   * @param patchSize patch size P
   * @param convStem whether {@code patch_embed.stem.weight} is present
   */
  public record Sizes(int embedDim, int inChannels, int patchSize, boolean convStem) {}

  /**
   * Reads the sizes from {@code patch_embed.proj.weight} (and {@code patch_embed.stem.weight} when
   * present).
   *
   * @throws IllegalArgumentException if {@code patch_embed.proj.weight} is missing or not 4-D
   */
  public static Sizes sizesOf(Map<String, Shape> shapes) {
    Shape proj = shapes.get("patch_embed.proj.weight");
    if (proj == null || proj.dimension() != 4) {
      throw new IllegalArgumentException(
          "patch_embed.proj.weight must be (D, C, P, P), got " + proj);
    }
    int dim = Math.toIntExact(proj.get(0));
    Shape stem = shapes.get("patch_embed.stem.weight");
    if (stem == null) {
      return new Sizes(dim, Math.toIntExact(proj.get(1)), Math.toIntExact(proj.get(2)), false);
    }
    if (stem.dimension() != 4
        || stem.get(0) != stemChannels(dim)
        || stem.get(2) != 3
        || stem.get(3) != 3
        || proj.get(1) != stem.get(0)
        || proj.get(2) != proj.get(3)) {
      throw new IllegalArgumentException(
          "a convolutional stem needs patch_embed.stem.weight ("
              + stemChannels(dim)
              + ", C, 3, 3) and patch_embed.proj.weight ("
              + dim
              + ", "
              + stemChannels(dim)
              + ", P/2, P/2), got "
              + stem
              + " and "
              + proj);
    }
    return new Sizes(dim, Math.toIntExact(stem.get(1)), 2 * Math.toIntExact(proj.get(2)), true);
  }

  /** Returns whether the embedding starts with a convolutional stem. */
  public boolean convStem() {
    return stemWeight != null;
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
    NDArray x = images;
    int kernel = patchSize;
    if (convStem()) {
      NDArray sw = parameterStore.getValue(stemWeight, images.getDevice(), training);
      NDArray sb = parameterStore.getValue(stemBias, images.getDevice(), training);
      NDArray stem = // (B, S, H / 2, W / 2)
          Conv2d.conv2d(x, sw, sb, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1)
              .singletonOrThrow();
      x = AutogradSafe.silu(stem);
      kernel = patchSize / 2;
    }
    NDArray w = parameterStore.getValue(weight, images.getDevice(), training);
    NDArray b = parameterStore.getValue(bias, images.getDevice(), training);
    Shape stride = new Shape(kernel, kernel);
    return Conv2d.conv2d(x, w, b, stride, new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
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
