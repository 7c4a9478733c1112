package io.mambastream.backbones.plainmamba;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import io.mambastream.backbones.FeatureMap;
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.MambaBackboneBuilder;
import io.mambastream.backbones.Parameters;
import io.mambastream.backbones.PatchBackbone;
import io.mambastream.backbones.PatchEmbed;
import io.mambastream.backbones.PooledHead;
import io.mambastream.backbones.ScanBackbone;
import io.mambastream.backbones.mixer2d.MultiScanMixer;
import io.mambastream.backbones.mixer2d.ScanLayout;
import io.mambastream.backbones.scan.TokenGrid;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.vit.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PlainMamba-style plain backbone: patch embedding plus a position embedding, a stack of {@link
 * PlainMambaLayer}s on one h×w grid, a final LayerNorm, one stride-P feature map.
 *
 * <pre>
 * x      = patch_embed(images) + pos_embed          (B, L, D)   pos_embed resized bicubically
 *                                                               when the grid differs
 * layers : x = x + mamba(norm(x))                   (B, L, D)   mixers scan the layout's paths
 * out    = norm(x) → map                            (B, D, h, w), stride P
 * logits = head(mean of the tokens of out)         (B, classes)
 * </pre>
 *
 * <p>The layout picks the paper: {@link ScanLayout#ZIGZAG} (PlainMamba: four zig-zag paths, shared
 * weights, direction embeddings), {@link ScanLayout#ATROUS} (EfficientVMamba's skip-sampled
 * sub-grids) or {@link ScanLayout#GROUPS} (GroupMamba's channel groups, one weight set per group);
 * the block is the same {@link MultiScanMixer}.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(B, C, H, W), H and W multiples of P</td></tr>
 *   <tr><td>{@code pos_embed}</td><td>(1, L_0, D) for the configured image size</td></tr>
 *   <tr><td>{@link #extract} map</td><td>(B, D, H / P, W / P), stride P</td></tr>
 *   <tr><td>output of {@code forward}</td><td>(B, classes) logits</td></tr>
 * </table>
 */
public final class PlainMamba extends PatchBackbone implements ScanBackbone {

  private final ScanLayout layout;
  private final Parameter posEmbed;
  private final List<PlainMambaLayer> layers;
  private final LayerNorm norm;
  private final PooledHead head;

  private PlainMamba(Builder builder) {
    super(builder);
    layout = builder.layout;
    posEmbed =
        builder.positionEmbedding
            ? addParameter(
                Parameters.weight(
                    "pos_embed",
                    new Shape(1, (long) gridSize() * gridSize(), embedDim()),
                    new TruncatedNormalInitializer(0.02f)))
            : null;
    boolean shared =
        builder.sharedPathWeights != null
            ? builder.sharedPathWeights
            : layout != ScanLayout.CROSS && layout != ScanLayout.GROUPS;
    layers = new ArrayList<>(builder.depth());
    for (int i = 0; i < builder.depth(); i++) {
      MultiScanMixer mamba =
          MultiScanMixer.builder()
              .setDModel(embedDim())
              .optLayout(layout)
              .optDState(builder.dState())
              .optSsmRatio(builder.expand)
              .optConvKernel(builder.convKernel)
              .optSharedPathWeights(shared)
              .optDirectionEmbeddings(builder.directionEmbeddings)
              .optOutNorm(false)
              .optProjectionBias(true)
              .optScan(builder.scan())
              .build();
      layers.add(addChildBlock("layers." + i, new PlainMambaLayer(mamba)));
    }
    norm = addChildBlock("norm", new LayerNorm(embedDim(), 1e-6f));
    head = numClasses() > 0 ? new PooledHead(numClasses(), embedDim(), this::addParameter) : null;
  }

  /** Returns a new builder (224 px, patch 16, 3 channels, 1000 classes; pick a size preset). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the scan layout of the mixers. */
  public ScanLayout layout() {
    return layout;
  }

  /** Returns the layers, in order. */
  public List<PlainMambaLayer> layers() {
    return List.copyOf(layers);
  }

  /** Makes every mixer use {@code scan} (for example the fused kernel for inference). */
  @Override
  public void setScan(SelectiveScan scan) {
    Objects.requireNonNull(scan, "scan");
    layers.forEach(layer -> layer.mamba().setScan(scan));
  }

  /** Returns the token grid of {@code images}, (B, C, H, W), checking its shape. */
  public TokenGrid gridOf(Shape images) {
    return patchEmbed().gridOf(images);
  }

  /** Embeds patches and adds the (resized) position embedding: (B, L, D). */
  public NDArray embed(ParameterStore parameterStore, NDArray images, boolean training) {
    TokenGrid grid = gridOf(images.getShape());
    NDArray tokens =
        PatchEmbed.tokens(patchEmbed().project(parameterStore, images, training)); // (B, L, D)
    if (posEmbed == null) {
      return tokens;
    }
    NDArray pos = parameterStore.getValue(posEmbed, images.getDevice(), training); // (1, L0, D)
    if (grid.height() != gridSize() || grid.width() != gridSize()) {
      NDArray channelsFirst = pos.transpose(0, 2, 1); // (1, D, L0)
      channelsFirst.attach(images.getManager()); // freed with the activations
      pos =
          channelsFirst
              .reshape(1, embedDim(), gridSize(), gridSize()) // (1, D, g, g)
              .getNDArrayInternal()
              .interpolation(
                  new long[] {grid.height(), grid.width()},
                  Image.Interpolation.BICUBIC.ordinal(),
                  false)
              .reshape(1, embedDim(), grid.length())
              .transpose(0, 2, 1); // (1, L, D)
    }
    return tokens.add(pos);
  }

  /**
   * Runs the layers and the final norm on embedded tokens (B, L, D) of {@code grid}, with an
   * optional kept-mask (B, L) for token pruning; returns (B, L, D).
   */
  public NDArray encode(
      ParameterStore parameterStore,
      NDArray tokens,
      TokenGrid grid,
      NDArray keptMask,
      boolean training) {
    NDArray x = tokens;
    for (PlainMambaLayer layer : layers) {
      x = layer.apply(parameterStore, x, grid, keptMask, training);
    }
    return norm.apply(parameterStore, x, training);
  }

  @Override
  public FeatureMaps extract(ParameterStore parameterStore, NDArray images, boolean training) {
    return extract(parameterStore, images, null, training);
  }

  /** Like {@link #extract(ParameterStore, NDArray, boolean)} with a kept-mask (B, L), or null. */
  public FeatureMaps extract(
      ParameterStore parameterStore, NDArray images, NDArray keptMask, boolean training) {
    TokenGrid grid = gridOf(images.getShape());
    NDArray normed =
        encode(parameterStore, embed(parameterStore, images, training), grid, keptMask, training);
    NDArray map =
        normed
            .transpose(0, 2, 1)
            .reshape(
                images.getShape().get(0), embedDim(), grid.height(), grid.width()); // (B, D, h, w)
    return FeatureMaps.single(new FeatureMap(map, patchSize()), null);
  }

  @Override
  public NDArray classify(ParameterStore parameterStore, FeatureMaps features, boolean training) {
    requireHead();
    return head.apply(parameterStore, features.finest().map(), training); // (B, classes)
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    patchEmbed().initialize(manager, dataType, shapes[0]);
    Shape tokens = new Shape(1, 1, embedDim());
    for (PlainMambaLayer layer : layers) {
      layer.initialize(manager, dataType, tokens);
    }
    norm.initialize(manager, dataType, tokens);
  }

  /**
   * Builds a {@link PlainMamba}: pick a preset ({@link #tiny}, {@link #small}) or set the sizes.
   */
  public static final class Builder extends MambaBackboneBuilder<Builder> {
    private double expand = 2.0;
    private int convKernel = 7;
    private ScanLayout layout = ScanLayout.ZIGZAG;
    private Boolean sharedPathWeights;
    private boolean directionEmbeddings = true;
    private boolean positionEmbedding = true;

    /** Creates a builder whose mixers use {@link ChunkedScan} until a scan is set. */
    private Builder() {
      super(new ChunkedScan());
    }

    /** Sets the mixer expansion E / D; 2 by default. */
    public Builder optExpand(double expand) {
      this.expand = expand;
      return this;
    }

    /** Sets the odd depthwise conv kernel of the mixers; 7 by default. */
    public Builder optConvKernel(int convKernel) {
      this.convKernel = convKernel;
      return this;
    }

    /**
     * Sets the scan layout: {@link ScanLayout#ZIGZAG} (PlainMamba) by default, {@link
     * ScanLayout#ATROUS} (EfficientVMamba) or {@link ScanLayout#GROUPS} (GroupMamba).
     */
    public Builder optLayout(ScanLayout layout) {
      this.layout = layout;
      return this;
    }

    /**
     * Sets whether the paths share one weight set; by default they do, except for the cross and
     * channel-group layouts, whose paths each have their own.
     */
    public Builder optSharedPathWeights(boolean sharedPathWeights) {
      this.sharedPathWeights = sharedPathWeights;
      return this;
    }

    /** Turns PlainMamba's direction-aware updating on or off; on by default. */
    public Builder optDirectionEmbeddings(boolean directionEmbeddings) {
      this.directionEmbeddings = directionEmbeddings;
      return this;
    }

    /** Turns the learned position embedding on or off; on by default. */
    public Builder optPositionEmbedding(boolean positionEmbedding) {
      this.positionEmbedding = positionEmbedding;
      return this;
    }

    /**
     * Checks the sizes and returns the model.
     *
     * @throws IllegalArgumentException naming the first bad size
     */
    public PlainMamba build() {
      checkSizes();
      Objects.requireNonNull(layout, "layout");
      return new PlainMamba(this);
    }
  }
}
