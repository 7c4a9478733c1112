package io.mambastream.backbones.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.ClassTokenBackbone;
import io.mambastream.backbones.DropPath;
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.PatchBackboneBuilder;
import io.mambastream.backbones.StochasticDepth;
import java.util.ArrayList;
import java.util.List;

/**
 * The ViT / DeiT baseline: class token first, learned position embedding, pre-norm transformer
 * layers, final LayerNorm, head on the class token (timm's {@code VisionTransformer} with DeiT's
 * sizes and timm's parameter names).
 *
 * <table>
 *   <caption>Shapes (P patch size, M = (H / P)·(W / P), L = M + 1)</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(B, C, H, W) at the configured image size</td></tr>
 *   <tr><td>{@code cls_token}, {@code pos_embed}</td><td>(1, 1, D), (1, L, D)</td></tr>
 *   <tr><td>output of {@code forward}</td><td>(B, classes) logits</td></tr>
 *   <tr><td>{@link #extract} map</td><td>(B, D, H / P, W / P), stride P, plus the class
 *       embedding (B, D)</td></tr>
 * </table>
 */
public final class VisionTransformer extends ClassTokenBackbone implements StochasticDepth {

  /** The LayerNorm epsilon of timm's ViT and DeiT. */
  public static final float EPS = 1e-6f;

  private final List<TransformerBlock> blocks;
  private final LayerNorm norm;

  private VisionTransformer(Builder builder) {
    super(builder, 0);
    blocks = new ArrayList<>(builder.depth());
    for (int i = 0; i < builder.depth(); i++) {
      blocks.add(
          addChildBlock(
              "blocks." + i,
              new TransformerBlock(embedDim(), builder.heads, builder.mlpRatio, EPS)));
    }
    norm = addChildBlock("norm", new LayerNorm(embedDim(), EPS));
    addHead();
  }

  /** Returns a new builder (224 px, patch 16, 3 channels, 1000 classes; pick a size preset). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the number of layers. */
  public int depth() {
    return blocks.size();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here both residual branches of block j, attention and MLP, drop at that rate, as in timm.
   */
  @Override
  public void setDropPath(double maxRate) {
    DropPath.requireRate(maxRate);
    for (int j = 0; j < blocks.size(); j++) {
      blocks.get(j).setDropPath(DropPath.linearRate(maxRate, j, blocks.size()));
    }
  }

  @Override
  public FeatureMaps extract(ParameterStore parameterStore, NDArray images, boolean training) {
    NDArray x = embed(parameterStore, images, training); // (B, L, D)
    // Each block in its own NDScope, its input closed after it (see VisionMamba#encode).
    for (TransformerBlock block : blocks) {
      NDArray next;
      try (NDScope scope = new NDScope()) {
        next = block.apply(parameterStore, x, training);
        NDScope.unregister(next);
      }
      x.close();
      x = next;
    }
    return features(norm.apply(parameterStore, x, training));
  }

  @Override
  protected void initializeEncoder(NDManager manager, DataType dataType, Shape sequence) {
    for (TransformerBlock block : blocks) {
      block.initialize(manager, dataType, sequence);
    }
    norm.initialize(manager, dataType, sequence);
  }

  /** Builds a {@link VisionTransformer}: pick a preset or set the sizes. */
  public static final class Builder extends PatchBackboneBuilder<Builder> {
    private int heads;
    private int mlpRatio = 4;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** DeiT-Ti: width 192, 12 layers, 3 heads, MLP 4×. */
    public Builder tiny() {
      return setEmbedDim(192).setDepth(12).setHeads(3);
    }

    /** DeiT-S: width 384, 12 layers, 6 heads, MLP 4×. */
    public Builder small() {
      return setEmbedDim(384).setDepth(12).setHeads(6);
    }

    /** Sets the number of attention heads (must divide D). */
    public Builder setHeads(int heads) {
      this.heads = heads;
      return this;
    }

    /** Sets the MLP hidden width as a multiple of D; 4 by default. */
    public Builder optMlpRatio(int mlpRatio) {
      this.mlpRatio = mlpRatio;
      return this;
    }

    /**
     * Checks the sizes and returns the model.
     *
     * @throws IllegalArgumentException naming the first bad size
     */
    public VisionTransformer build() {
      checkSizes();
      if (heads <= 0 || mlpRatio <= 0) {
        throw new IllegalArgumentException(
            "set heads (or a preset) and a positive mlpRatio: got heads "
                + heads
                + ", mlpRatio "
                + mlpRatio);
      }
      if (embedDim() % heads != 0) {
        throw new IllegalArgumentException(
            "embedDim " + embedDim() + " is not divisible by heads " + heads);
      }
      return new VisionTransformer(this);
    }
  }
}
