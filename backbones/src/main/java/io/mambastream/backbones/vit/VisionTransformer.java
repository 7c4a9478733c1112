package io.mambastream.backbones.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import io.mambastream.backbones.AbstractBackbone;
import io.mambastream.backbones.FeatureMap;
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.PatchBackboneBuilder;
import io.mambastream.backbones.PatchEmbed;
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
public final class VisionTransformer extends AbstractBackbone {

  /** The LayerNorm epsilon of timm's ViT and DeiT. */
  public static final float EPS = 1e-6f;

  private static final TruncatedNormalInitializer STD_002 = new TruncatedNormalInitializer(0.02f);

  private final int imageSize;
  private final int patchSize;
  private final int inChannels;
  private final int embedDim;
  private final int numClasses;
  private final int gridSize;
  private final Parameter classToken;
  private final Parameter posEmbed;
  private final PatchEmbed patchEmbed;
  private final List<TransformerBlock> blocks;
  private final LayerNorm norm;
  private final Linear head;

  private VisionTransformer(Builder builder) {
    imageSize = builder.imageSize();
    patchSize = builder.patchSize();
    inChannels = builder.inChannels();
    embedDim = builder.embedDim();
    numClasses = builder.numClasses();
    gridSize = imageSize / patchSize;
    classToken =
        addParameter(
            Parameter.builder()
                .setName("cls_token")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, embedDim))
                .optInitializer(STD_002)
                .build());
    posEmbed =
        addParameter(
            Parameter.builder()
                .setName("pos_embed")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, (long) gridSize * gridSize + 1, embedDim))
                .optInitializer(STD_002)
                .build());
    patchEmbed = addChildBlock("patch_embed", new PatchEmbed(inChannels, embedDim, patchSize));
    blocks = new ArrayList<>(builder.depth());
    for (int i = 0; i < builder.depth(); i++) {
      blocks.add(
          addChildBlock(
              "blocks." + i, new TransformerBlock(embedDim, builder.heads, builder.mlpRatio, EPS)));
    }
    norm = addChildBlock("norm", new LayerNorm(embedDim, EPS));
    head = numClasses > 0 ? addChildBlock("head", linear(numClasses)) : null;
  }

  /** Returns a new builder (224 px, patch 16, 3 channels, 1000 classes; pick a size preset). */
  public static Builder builder() {
    return new Builder();
  }

  /** A linear layer with bias and timm's init (truncated normal, std 0.02; zero bias). */
  static Linear linear(int units) {
    Linear linear = Linear.builder().setUnits(units).build();
    linear.setInitializer(STD_002, Parameter.Type.WEIGHT);
    return linear;
  }

  @Override
  public int embedDim() {
    return embedDim;
  }

  /** Returns the square image size the position embedding was made for. */
  public int imageSize() {
    return imageSize;
  }

  /** Returns the number of layers. */
  public int depth() {
    return blocks.size();
  }

  @Override
  public FeatureMaps extract(ParameterStore parameterStore, NDArray images, boolean training) {
    Shape shape = images.getShape();
    if (shape.dimension() != 4
        || shape.get(1) != inChannels
        || shape.get(2) != imageSize
        || shape.get(3) != imageSize) {
      throw new IllegalArgumentException(
          String.format(
              "images must be (B, %d, %d, %d), got %s", inChannels, imageSize, imageSize, shape));
    }
    long batch = shape.get(0);
    NDArray tokens =
        PatchEmbed.tokens(patchEmbed.project(parameterStore, images, training)); // (B, M, D)
    NDArray cls =
        parameterStore
            .getValue(classToken, images.getDevice(), training)
            .broadcast(new Shape(batch, 1, embedDim));
    cls.attach(images.getManager()); // (B, 1, D), freed with the activations, not the parameters
    NDArray x =
        NDArrays.concat(new NDList(cls, tokens), 1)
            .add(parameterStore.getValue(posEmbed, images.getDevice(), training)); // (B, L, D)
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
    x = norm.apply(parameterStore, x, training);
    NDArray map =
        x.get(new NDIndex(":, 1:"))
            .transpose(0, 2, 1)
            .reshape(batch, embedDim, gridSize, gridSize); // (B, D, h, w)
    return FeatureMaps.single(
        new FeatureMap(map, patchSize), x.get(new NDIndex(":, 0, :"))); // class (B, D)
  }

  @Override
  public NDArray classify(ParameterStore parameterStore, FeatureMaps features, boolean training) {
    if (head == null) {
      throw new IllegalStateException("this VisionTransformer has no head (numClasses = 0)");
    }
    NDArray cls =
        features
            .classEmbedding()
            .orElseThrow(() -> new IllegalArgumentException("features lack a class embedding"));
    return head.forward(parameterStore, new NDList(cls), training).singletonOrThrow();
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape images = shapes[0];
    long batch = images.get(0);
    patchEmbed.initialize(manager, dataType, images);
    Shape sequence = new Shape(batch, (long) gridSize * gridSize + 1, embedDim);
    for (TransformerBlock block : blocks) {
      block.initialize(manager, dataType, sequence);
    }
    norm.initialize(manager, dataType, sequence);
    if (head != null) {
      head.initialize(manager, dataType, new Shape(batch, embedDim));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
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
