package io.mambastream.backbones.vmamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.AbstractBackbone;
import io.mambastream.backbones.BackboneBuilder;
import io.mambastream.backbones.FeatureMap;
import io.mambastream.backbones.FeatureMaps;
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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A VMamba-style hierarchical backbone: a stride-4 patch embedding, then four stages of {@link
 * VssBlock}s (SS2D cross-scan mixers) joined by {@link PatchMerging}, each stage's output
 * layer-normed into a feature map.
 *
 * <pre>
 * x      = patch_norm(patch_embed(images))          (B, H/4·W/4, C_0)   conv 4×4, stride 4
 * stage i: x = blocks_i(x); map_i = norms.i(x)       (B, C_i, h_i, w_i)  stride 4·2^i
 *          x = layers.i.downsample(x)                (i < 3)             grid ⌈h/2⌉ × ⌈w/2⌉
 * logits = head(mean over the grid of map_3)        (B, classes)
 * </pre>
 *
 * <table>
 *   <caption>Shapes (C_i = dims[i], 4 stages by default)</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(B, channels, H, W), H and W multiples of 4</td></tr>
 *   <tr><td>{@link #extract} map i</td><td>(B, C_i, h_i, w_i), h_0 = H / 4, h_{i+1} = ⌈h_i /
 *       2⌉</td></tr>
 *   <tr><td>output of {@code forward}</td><td>(B, classes) logits</td></tr>
 * </table>
 *
 * <p>Any image size works (the mixers build their scan paths per grid). The scan is injectable:
 * {@link ChunkedScan} (differentiable) by default, {@link #setScan} a fused kernel for inference.
 */
public final class VMamba extends AbstractBackbone implements ScanBackbone {

  /** The stride of the patch embedding. */
  public static final int PATCH_SIZE = 4;

  private final int[] dims;
  private final PatchEmbed patchEmbed;
  private final LayerNorm patchNorm;
  private final List<List<VssBlock>> stages;
  private final List<PatchMerging> downsamples;
  private final List<LayerNorm> norms;
  private final PooledHead head;

  private VMamba(Builder builder) {
    super(builder.numClasses());
    dims = builder.dims.clone();
    patchEmbed =
        addChildBlock("patch_embed", new PatchEmbed(builder.inChannels(), dims[0], PATCH_SIZE));
    patchNorm = addChildBlock("patch_norm", new LayerNorm(dims[0], 1e-5f));
    stages = new ArrayList<>(dims.length);
    downsamples = new ArrayList<>(dims.length - 1);
    for (int i = 0; i < dims.length; i++) {
      List<VssBlock> blocks = new ArrayList<>(builder.depths[i]);
      for (int j = 0; j < builder.depths[i]; j++) {
        MultiScanMixer op =
            MultiScanMixer.builder()
                .setDModel(dims[i])
                .optLayout(builder.layout)
                .optDState(builder.dState)
                .optSsmRatio(builder.ssmRatio)
                .optConvKernel(builder.convKernel)
                .optScan(builder.scan)
                .build();
        int hidden = (int) Math.round(builder.mlpRatio * dims[i]);
        blocks.add(addChildBlock("layers." + i + ".blocks." + j, new VssBlock(op, hidden)));
      }
      stages.add(blocks);
      if (i + 1 < dims.length) {
        downsamples.add(
            addChildBlock("layers." + i + ".downsample", new PatchMerging(dims[i], dims[i + 1])));
      }
    }
    norms = new ArrayList<>(dims.length);
    for (int i = 0; i < dims.length; i++) {
      norms.add(addChildBlock("norms." + i, new LayerNorm(dims[i], 1e-5f)));
    }
    head = numClasses() > 0 ? new PooledHead(numClasses(), embedDim(), this::addParameter) : null;
  }

  /** Returns a new builder (3 channels, 1000 classes; pick a size preset). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the width of the last stage, the one the head reads. */
  @Override
  public int embedDim() {
    return dims[dims.length - 1];
  }

  /** Returns the widths of the stages. */
  public int[] dims() {
    return dims.clone();
  }

  /** Returns the number of blocks of each stage. */
  public int[] depths() {
    return stages.stream().mapToInt(List::size).toArray();
  }

  /** Returns the stride of the map of stage {@code i}: 4·2^i. */
  public static int stride(int stage) {
    return PATCH_SIZE << stage;
  }

  /** Returns the blocks of every stage. */
  public List<List<VssBlock>> stages() {
    return stages.stream().map(List::copyOf).toList();
  }

  /** Makes every mixer use {@code scan} (for example the fused kernel for inference). */
  @Override
  public void setScan(SelectiveScan scan) {
    Objects.requireNonNull(scan, "scan");
    stages.forEach(blocks -> blocks.forEach(block -> block.op().setScan(scan)));
  }

  @Override
  public FeatureMaps extract(ParameterStore parameterStore, NDArray images, boolean training) {
    TokenGrid grid = patchEmbed.gridOf(images.getShape());
    long batch = images.getShape().get(0);
    NDArray projected = patchEmbed.project(parameterStore, images, training); // (B, C0, h, w)
    NDArray x =
        patchNorm.apply(parameterStore, PatchEmbed.tokens(projected), training); // (B, L, C0)
    List<FeatureMap> maps = new ArrayList<>(dims.length);
    for (int i = 0; i < dims.length; i++) {
      for (VssBlock block : stages.get(i)) {
        x = block.apply(parameterStore, x, grid, training);
      }
      NDArray normed = norms.get(i).apply(parameterStore, x, training); // (B, L, C_i)
      NDArray map =
          normed
              .transpose(0, 2, 1)
              .reshape(batch, dims[i], grid.height(), grid.width()); // (B, C_i, h, w)
      maps.add(new FeatureMap(map, stride(i)));
      if (i + 1 < dims.length) {
        x = downsamples.get(i).apply(parameterStore, x, grid, training);
        grid = PatchMerging.merged(grid);
      }
    }
    return new FeatureMaps(maps, Optional.empty());
  }

  @Override
  public NDArray classify(ParameterStore parameterStore, FeatureMaps features, boolean training) {
    requireHead();
    return head.apply(
        parameterStore,
        features.maps().get(features.maps().size() - 1).map(),
        training); // (B, classes)
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    patchEmbed.initialize(manager, dataType, shapes[0]);
    patchNorm.initialize(manager, dataType, new Shape(1, 1, dims[0]));
    for (int i = 0; i < dims.length; i++) {
      Shape tokens = new Shape(1, 1, dims[i]);
      for (VssBlock block : stages.get(i)) {
        block.initialize(manager, dataType, tokens);
      }
      norms.get(i).initialize(manager, dataType, tokens);
      if (i + 1 < dims.length) {
        downsamples.get(i).initialize(manager, dataType, tokens);
      }
    }
  }

  /** Builds a {@link VMamba}: pick a preset ({@link #tiny}, {@link #small}) or set the sizes. */
  public static final class Builder extends BackboneBuilder<Builder> {
    private int[] dims = new int[0];
    private int[] depths = new int[0];
    private int dState = 16;
    private double ssmRatio = 2.0;
    private double mlpRatio = 4.0;
    private int convKernel = 3;
    private ScanLayout layout = ScanLayout.CROSS;
    private SelectiveScan scan = new ChunkedScan();

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * VMamba-T sizes (the released v2 "tiny"): widths 96, 192, 384, 768, depths 2, 2, 5, 2, state
     * 1, ssm ratio 1, MLP ratio 4; here with the v1 stem (4×4 conv) and patch merging.
     */
    public Builder tiny() {
      return setEmbedDim(96).setDepths(2, 2, 5, 2).optDState(1).optSsmRatio(1.0).optMlpRatio(4.0);
    }

    /** VMamba-S sizes: as {@link #tiny} with depths 2, 2, 15, 2. */
    public Builder small() {
      return tiny().setDepths(2, 2, 15, 2);
    }

    /** Sets the stage widths, one per stage. */
    public Builder setDims(int... dims) {
      this.dims = dims.clone();
      return this;
    }

    /** Sets the first width C_0; stage i gets C_0·2^i (as many stages as depths). */
    public Builder setEmbedDim(int embedDim) {
      this.dims = new int[] {embedDim};
      return this;
    }

    /** Sets the number of blocks of each stage. */
    public Builder setDepths(int... depths) {
      this.depths = depths.clone();
      return this;
    }

    /** Sets the state size N; 16 by default. */
    public Builder optDState(int dState) {
      this.dState = dState;
      return this;
    }

    /** Sets the SS2D inner width ratio E / C; 2 by default. */
    public Builder optSsmRatio(double ssmRatio) {
      this.ssmRatio = ssmRatio;
      return this;
    }

    /** Sets the MLP hidden ratio; 4 by default, 0 for blocks without an MLP. */
    public Builder optMlpRatio(double mlpRatio) {
      this.mlpRatio = mlpRatio;
      return this;
    }

    /** Sets the depthwise conv kernel of the mixers; 3 by default. */
    public Builder optConvKernel(int convKernel) {
      this.convKernel = convKernel;
      return this;
    }

    /** Sets the scan layout of the mixers; {@link ScanLayout#CROSS} (SS2D) by default. */
    public Builder optLayout(ScanLayout layout) {
      this.layout = layout;
      return this;
    }

    /** Sets the scan of every mixer; {@link ChunkedScan} by default. */
    public Builder optScan(SelectiveScan scan) {
      this.scan = scan;
      return this;
    }

    /**
     * Checks the sizes and returns the model.
     *
     * @throws IllegalArgumentException naming the first bad size
     */
    public VMamba build() {
      if (depths.length == 0 || Arrays.stream(depths).anyMatch(d -> d <= 0)) {
        throw new IllegalArgumentException(
            "set positive depths (or a preset), got " + Arrays.toString(depths));
      }
      if (dims.length == 1 && depths.length > 1) {
        int first = dims[0];
        dims = new int[depths.length];
        Arrays.setAll(dims, i -> first << i);
      }
      if (dims.length != depths.length || Arrays.stream(dims).anyMatch(d -> d <= 0)) {
        throw new IllegalArgumentException(
            "need one positive width per stage: dims "
                + Arrays.toString(dims)
                + ", depths "
                + Arrays.toString(depths));
      }
      checkChannelsAndClasses();
      if (mlpRatio < 0) {
        throw new IllegalArgumentException("mlpRatio must be >= 0, got " + mlpRatio);
      }
      Objects.requireNonNull(layout, "layout");
      Objects.requireNonNull(scan, "scan");
      return new VMamba(this);
    }
  }
}
