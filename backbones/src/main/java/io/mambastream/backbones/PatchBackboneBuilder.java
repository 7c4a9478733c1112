package io.mambastream.backbones;

/**
 * Base of the builders of the isotropic patch backbones (one width D, a stack of layers on a P×P
 * patch grid of a square image): 224 px and patch 16 by default; width and depth are required.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class PatchBackboneBuilder<B extends PatchBackboneBuilder<B>>
    extends BackboneBuilder<B> {

  private int imageSize = 224;
  private int patchSize = 16;
  private int embedDim;
  private int depth;
  private boolean convStem;

  /** Creates a builder with 224 px, patch 16, and no width or depth yet. */
  protected PatchBackboneBuilder() {}

  /** Sets the width D. */
  public B setEmbedDim(int embedDim) {
    this.embedDim = embedDim;
    return self();
  }

  /** Sets the number of layers. */
  public B setDepth(int depth) {
    this.depth = depth;
    return self();
  }

  /** Sets the square image size (the position embedding is made for it); 224 by default. */
  public B optImageSize(int imageSize) {
    this.imageSize = imageSize;
    return self();
  }

  /** Sets the patch size (= stride); 16 by default. */
  public B optPatchSize(int patchSize) {
    this.patchSize = patchSize;
    return self();
  }

  /**
   * Starts the patch embedding with a convolutional stem ({@link PatchEmbed}; needs an even patch
   * size); off by default, as in the official models.
   */
  public B optConvStem(boolean convStem) {
    this.convStem = convStem;
    return self();
  }

  /** Returns whether the patch embedding has a convolutional stem. */
  public boolean convStem() {
    return convStem;
  }

  /** Returns the square image size. */
  public int imageSize() {
    return imageSize;
  }

  /** Returns the patch size P. */
  public int patchSize() {
    return patchSize;
  }

  /** Returns the width D (0 until set). */
  public int embedDim() {
    return embedDim;
  }

  /** Returns the number of layers (0 until set). */
  public int depth() {
    return depth;
  }

  /** Returns the number of patches M of the image: (imageSize / patchSize)². */
  public int patches() {
    int grid = imageSize / patchSize;
    return grid * grid;
  }

  /**
   * Checks width, depth, image and patch size, channels and classes; each {@code build()} calls it.
   *
   * @throws IllegalArgumentException naming the first bad size
   */
  protected void checkSizes() {
    if (embedDim <= 0 || depth <= 0) {
      throw new IllegalArgumentException(
          "set embedDim and depth (or a preset): got embedDim " + embedDim + ", depth " + depth);
    }
    if (patchSize <= 0 || imageSize < patchSize || imageSize % patchSize != 0) {
      throw new IllegalArgumentException(
          "imageSize must be a positive multiple of patchSize, got "
              + imageSize
              + " and "
              + patchSize);
    }
    checkChannelsAndClasses();
  }
}
