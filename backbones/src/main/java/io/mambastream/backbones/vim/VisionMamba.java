package io.mambastream.backbones.vim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.ClassTokenBackbone;
import io.mambastream.backbones.DropPath;
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.MambaBackboneBuilder;
import io.mambastream.backbones.ScanBackbone;
import io.mambastream.backbones.StochasticDepth;
import io.mambastream.backbones.mamba.MambaLayer;
import io.mambastream.backbones.mamba.MambaMixer;
import io.mambastream.backbones.mamba.RmsNorm;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.ssm.SequentialScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Vision Mamba (Vim) as released by hustvl (bimamba v2, middle class token, mean-free head).
 *
 * <pre>
 * tokens = patch_embed(images)                        (B, M, D)
 * x      = insert(tokens, cls_token, at = M // 2)     (B, L, D)
 * x      = x + pos_embed                              (pos_embed has length L)
 * layers : residual = residual + hidden; hidden = mixer(norm(residual))     (see MambaLayer)
 * out    = norm_f(residual + hidden)                  (B, L, D)
 * logits = head(out[:, M // 2])                       (B, classes)
 * </pre>
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(B, C, H, W) at the configured image size</td></tr>
 *   <tr><td>{@code cls_token}, {@code pos_embed}</td><td>(1, 1, D), (1, L, D)</td></tr>
 *   <tr><td>output of {@code forward}</td><td>(B, classes) logits</td></tr>
 *   <tr><td>{@link #extract} map</td><td>(B, D, H / P, W / P), stride P, plus the class
 *       embedding (B, D)</td></tr>
 * </table>
 *
 * <p>Parameter names follow the official state dict ({@code layers.i.mixer.in_proj.weight}, ...),
 * see {@link io.mambastream.backbones.StateDictNames}.
 */
public final class VisionMamba extends ClassTokenBackbone implements StochasticDepth, ScanBackbone {

  private double dropPath;
  private final List<MambaLayer> layers;
  private final RmsNorm normF;

  private VisionMamba(Builder builder) {
    super(
        builder,
        builder.classTokenPosition >= 0 ? builder.classTokenPosition : builder.patches() / 2);
    addHead();
    layers = new ArrayList<>(builder.depth());
    for (int i = 0; i < builder.depth(); i++) {
      layers.add(addChildBlock("layers." + i, new MambaLayer(builder.buildMixer())));
    }
    normF = addChildBlock("norm_f", new RmsNorm(embedDim()));
  }

  /** Returns a new builder (224 px, patch 16, 3 channels, 1000 classes; pick a size preset). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the number of layers. */
  public int depth() {
    return layers.size();
  }

  /** Returns the layers, in order. */
  public List<MambaLayer> layers() {
    return List.copyOf(layers);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the output of layer j is dropped where it joins the residual stream (the next layer's
   * add, or the final one), as in the official Vim.
   */
  @Override
  public void setDropPath(double maxRate) {
    this.dropPath = DropPath.requireRate(maxRate);
  }

  /** Makes every mixer use {@code scan} (for example the fused kernel for inference). */
  @Override
  public void setScan(SelectiveScan scan) {
    Objects.requireNonNull(scan, "scan");
    layers.forEach(layer -> layer.mixer().setScan(scan));
  }

  /**
   * Runs the layers and the final add + norm on embedded tokens (B, L, D); returns (B, L, D).
   *
   * <p>Each layer runs in its own {@link NDScope}, and a layer's inputs are closed once the next
   * layer's outputs exist: DJL frees arrays only when closed, so otherwise every intermediate of
   * every layer would stay resident until the caller's manager closes. (Autograd keeps what
   * backward needs on its own.)
   */
  public NDArray encode(ParameterStore parameterStore, NDArray sequence, boolean training) {
    NDArray hidden = sequence;
    NDArray residual = null;
    for (int i = 0; i < layers.size(); i++) {
      MambaLayer.Output out;
      try (NDScope scope = new NDScope()) {
        NDArray branch = i == 0 ? hidden : dropped(hidden, i - 1, training);
        out = layers.get(i).apply(parameterStore, branch, residual, null, training);
        NDScope.unregister(out.hidden(), out.residual());
      }
      closeUnlessKept(hidden, sequence, out);
      closeUnlessKept(residual, sequence, out);
      hidden = out.hidden();
      residual = out.residual();
    }
    try (NDScope scope = new NDScope()) {
      NDArray last = dropped(hidden, layers.size() - 1, training);
      NDArray stream = residual == null ? last : residual.add(last);
      NDArray normed = normF.apply(parameterStore, stream, training);
      NDScope.unregister(normed);
      return normed;
    }
  }

  /** Layer {@code layer}'s output as it joins the residual stream (stochastic depth). */
  private NDArray dropped(NDArray hidden, int layer, boolean training) {
    return DropPath.apply(hidden, DropPath.linearRate(dropPath, layer, layers.size()), training);
  }

  /** Closes a previous layer's array unless it is the caller's input or passed on unchanged. */
  private static void closeUnlessKept(NDArray array, NDArray input, MambaLayer.Output out) {
    if (array != null && array != input && array != out.hidden() && array != out.residual()) {
      array.close();
    }
  }

  @Override
  public FeatureMaps extract(ParameterStore parameterStore, NDArray images, boolean training) {
    NDArray embedded = embed(parameterStore, images, training);
    NDArray normed = encode(parameterStore, embedded, training);
    embedded.close();
    return features(normed);
  }

  @Override
  protected void initializeEncoder(NDManager manager, DataType dataType, Shape sequence) {
    for (MambaLayer layer : layers) {
      layer.initialize(manager, dataType, sequence, sequence);
    }
    normF.initialize(manager, dataType, sequence);
  }

  /**
   * Builds a {@link VisionMamba}: pick a preset ({@link #tiny}, {@link #small}) or set the sizes.
   */
  public static final class Builder extends MambaBackboneBuilder<Builder> {
    private final MambaMixer.Builder mixer = MambaMixer.builder();
    private int classTokenPosition = -1;

    /** Creates a builder whose mixers use the sequential reference scan until one is set. */
    private Builder() {
      super(new SequentialScan());
    }

    /** Sets the conv kernel width; 4 by default. */
    public Builder optDConv(int dConv) {
      mixer.optDConv(dConv);
      return this;
    }

    /** Sets the mixer expansion; 2 by default. */
    public Builder optExpand(int expand) {
      mixer.optExpand(expand);
      return this;
    }

    /** Sets the Δ projection rank; ceil(D / 16) by default. */
    public Builder optDtRank(int dtRank) {
      mixer.optDtRank(dtRank);
      return this;
    }

    /** Turns the backward branch of the mixers off (not a released Vim config). */
    public Builder optBidirectional(boolean bidirectional) {
      mixer.optBidirectional(bidirectional);
      return this;
    }

    /** Sets the index of the class token; the middle, M // 2, by default. */
    public Builder optClassTokenPosition(int classTokenPosition) {
      this.classTokenPosition = classTokenPosition;
      return this;
    }

    /**
     * Returns a mixer of width D for a model of {@code depth} layers, with the options set here.
     */
    private MambaMixer buildMixer() {
      return mixer
          .setDModel(embedDim())
          .optDState(dState())
          .optScan(scan())
          .optLayerCount(depth())
          .build();
    }

    /**
     * Checks the sizes and returns the model.
     *
     * @throws IllegalArgumentException naming the first bad size
     */
    public VisionMamba build() {
      checkSizes();
      if (classTokenPosition > patches()) {
        throw new IllegalArgumentException(
            "classTokenPosition must be in [0, " + patches() + "], got " + classTokenPosition);
      }
      return new VisionMamba(this);
    }
  }
}
