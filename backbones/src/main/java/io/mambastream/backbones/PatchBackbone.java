package io.mambastream.backbones;

/**
 * Base of the isotropic patch backbones (ViT, Vim, PlainMamba): the sizes of their {@link
 * PatchBackboneBuilder} and the {@code patch_embed} block, always their first child.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(B, C, H, W)</td></tr>
 *   <tr><td>patch tokens</td><td>(B, M, D), M = (H / P)·(W / P)</td></tr>
 * </table>
 */
public abstract class PatchBackbone extends AbstractBackbone {

  private final int imageSize;
  private final int patchSize;
  private final int embedDim;
  private final PatchEmbed patchEmbed;

  /** Takes the sizes of {@code builder} and adds the child {@code patch_embed}. */
  protected PatchBackbone(PatchBackboneBuilder<?> builder) {
    super(builder.numClasses());
    imageSize = builder.imageSize();
    patchSize = builder.patchSize();
    embedDim = builder.embedDim();
    patchEmbed =
        addChildBlock(
            "patch_embed",
            new PatchEmbed(builder.inChannels(), embedDim, patchSize, builder.convStem()));
  }

  @Override
  public final int embedDim() {
    return embedDim;
  }

  /** Returns the square image size the position embedding was made for. */
  public final int imageSize() {
    return imageSize;
  }

  /** Returns the patch size P (the stride of the feature map). */
  public final int patchSize() {
    return patchSize;
  }

  /** Returns the side g = imageSize / P of the patch grid at the configured image size. */
  protected final int gridSize() {
    return imageSize / patchSize;
  }

  /** Returns the patch embedding. */
  protected final PatchEmbed patchEmbed() {
    return patchEmbed;
  }
}
