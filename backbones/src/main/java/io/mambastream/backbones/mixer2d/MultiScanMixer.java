package io.mambastream.backbones.mixer2d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import io.mambastream.backbones.AutogradSafe;
import io.mambastream.backbones.Parameters;
import io.mambastream.backbones.mamba.MambaInit;
import io.mambastream.backbones.mamba.SelectiveMixer;
import io.mambastream.backbones.scan.Direction;
import io.mambastream.backbones.scan.MergeRule;
import io.mambastream.backbones.scan.MultiScan;
import io.mambastream.backbones.scan.ScanPath;
import io.mambastream.backbones.scan.ScanPathView;
import io.mambastream.backbones.scan.TokenGrid;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.ssm.ScanInputs;
import io.mambastream.backbones.vit.LayerNorm;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A selective-scan mixer over a 2-D token grid whose scan paths come from a {@link ScanLayout}: the
 * VMamba SS2D block, the PlainMamba block, and their EfficientVMamba (atrous) and GroupMamba
 * (channel groups) variants are this one class with different options.
 *
 * <pre>
 * x, z  = split(in_proj(u))                                    (B, L, E) each
 * x     = silu(depthwise_conv2d(x on the H×W grid))            (B, L, E)
 * y     = multiScan.apply(x, path k ↦ scan_k(x in path order))  (B, L, E)   merged by the layout
 *         scan_k: (Δ, B, C) = x_proj_k(x); Δ = dt_proj_k(Δ); B += direction_Bs[step direction];
 *                 selective scan with A_k = −exp(A_log_k), skip D_k, Δ bias, no gate
 * y     = out_norm(y)                                          (LayerNorm, optional)
 * out   = out_proj(y · silu(z))                                (B, L, D)
 * </pre>
 *
 * <p>Path k uses parameter set k ({@code P = K}, VMamba and GroupMamba) or all paths share set 0
 * ({@code P = 1}, PlainMamba). A path with several segments (the atrous path) starts every segment
 * from a zero state. With channel groups each path scans E' = E / K channels. When the paths share
 * weights (and have one segment each, no channel groups), the K path orders are stacked along the
 * batch and scanned in one call, (K·B, L, E): the same result with K times fewer tensor ops.
 *
 * <table>
 *   <caption>Parameters (VMamba's stacked names)</caption>
 *   <tr><th>name</th><th>shape</th></tr>
 *   <tr><td>in_proj.weight (in_proj.bias)</td><td>(2E, D) ((2E))</td></tr>
 *   <tr><td>conv2d.weight, conv2d.bias</td><td>(E, 1, k, k), (E)</td></tr>
 *   <tr><td>x_proj_weight</td><td>(P, R + 2N, E')</td></tr>
 *   <tr><td>dt_projs_weight, dt_projs_bias</td><td>(P, E', R), (P, E')</td></tr>
 *   <tr><td>A_logs, Ds</td><td>(P·E', N), (P·E')</td></tr>
 *   <tr><td>direction_Bs (optional)</td><td>(6, N), one row per {@link Direction} id</td></tr>
 *   <tr><td>out_norm.weight, out_norm.bias (optional)</td><td>(E), (E)</td></tr>
 *   <tr><td>out_proj.weight (out_proj.bias)</td><td>(D, E) ((D))</td></tr>
 * </table>
 *
 * <p>Input (B, L, D) in row-major grid order, optionally a kept-mask (B, L); output (B, L, D). As a
 * plain DJL block ({@code forward}) the grid is taken to be square; {@link #mix} takes any grid.
 * The scan is injectable: {@link ChunkedScan} (differentiable) by default, a fused kernel for
 * inference.
 */
public final class MultiScanMixer extends SelectiveMixer {

  private final ScanLayout layout;
  private final int pathWidth;
  private final int convKernel;
  private final int parameterSets;
  private final Parameter inWeight;
  private final Parameter inBias;
  private final ConvParameters conv;
  private final SsmParameters ssm;
  private final Parameter directionEmbedding;
  private final LayerNorm outNorm;
  private final Parameter outWeight;
  private final Parameter outBias;
  private final Map<TokenGrid, MultiScan> scans = new ConcurrentHashMap<>();

  private MultiScanMixer(Builder builder) {
    super(builder, builder.dInner());
    layout = builder.layout;
    int paths = layout.pathCount();
    boolean groups = layout.over(TokenGrid.of(2, 2)).mergeRule() == MergeRule.CHANNEL_GROUPS;
    pathWidth = groups ? dInner / paths : dInner;
    convKernel = builder.convKernel;
    parameterSets = builder.sharedPathWeights ? 1 : paths;
    inWeight = addInputProjection();
    inBias = builder.projectionBias ? addParameter(bias("in_proj.bias", 2L * dInner)) : null;
    conv = addDepthwiseConv("conv2d", convKernel, convKernel);
    ssm =
        addSsmParameters(
            new SsmNames("x_proj_weight", "dt_projs_weight", "dt_projs_bias", "A_logs", "Ds"),
            pathWidth,
            parameterSets);
    directionEmbedding =
        builder.directionEmbeddings
            ? addParameter(
                Parameters.other(
                    "direction_Bs",
                    new Shape(Direction.values().length, dState),
                    new TruncatedNormalInitializer(0.02f)))
            : null;
    outNorm = builder.outNorm ? addChildBlock("out_norm", new LayerNorm(dInner, 1e-5f)) : null;
    outWeight = addOutputProjection(MambaInit.fanInUniform(dInner));
    outBias = builder.projectionBias ? addParameter(bias("out_proj.bias", dModel)) : null;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the scan layout. */
  public ScanLayout layout() {
    return layout;
  }

  /** Returns the width E' each path scans. */
  public int pathWidth() {
    return pathWidth;
  }

  /** Returns the number P of parameter sets (1 when the paths share weights). */
  public int parameterSets() {
    return parameterSets;
  }

  /** Returns whether a learned direction embedding is added to B. */
  public boolean hasDirectionEmbeddings() {
    return directionEmbedding != null;
  }

  /** Returns the multi-scan this mixer runs on {@code grid}. */
  public MultiScan multiScan(TokenGrid grid) {
    return scans.computeIfAbsent(grid, layout::over);
  }

  /**
   * Mixes the tokens of a grid.
   *
   * @param parameterStore where parameter values come from
   * @param u the tokens in row-major grid order, (B, L, D) with L = H·W
   * @param grid the token grid (no class token)
   * @param keptMask 1 for kept, 0 for pruned tokens, (B, L) in grid order, or null
   * @param training whether gradients are recorded
   * @return (B, L, D)
   */
  public NDArray mix(
      ParameterStore parameterStore,
      NDArray u,
      TokenGrid grid,
      NDArray keptMask,
      boolean training) {
    Shape shape = u.getShape();
    if (shape.dimension() != 3 || shape.get(1) != grid.length() || shape.get(2) != dModel) {
      throw new IllegalArgumentException(
          "expected (B, " + grid.length() + ", " + dModel + ") tokens, got " + shape);
    }
    if (grid.hasClassToken()) {
      throw new IllegalArgumentException("a 2-D mixer takes no class token: " + grid);
    }
    Values values = new Values(parameterStore, u, training);
    long batch = shape.get(0);
    NDArray xz = Linear.linear(u, values.of(inWeight), values.orNull(inBias)).singletonOrThrow();
    NDArray x = xz.get(new NDIndex(":, :, :{}", dInner)); // (B, L, E)
    NDArray z = xz.get(new NDIndex(":, :, {}:", dInner)); // (B, L, E)
    NDArray x2d =
        x.transpose(0, 2, 1).reshape(batch, dInner, grid.height(), grid.width()); // (B,E,H,W)
    int pad = convKernel / 2;
    NDArray convolved =
        Conv2d.conv2d(
                x2d,
                values.of(conv.weight()),
                values.of(conv.bias()),
                new Shape(1, 1),
                new Shape(pad, pad),
                new Shape(1, 1),
                dInner)
            .singletonOrThrow(); // (B, E, H, W)
    NDArray xc =
        AutogradSafe.silu(convolved)
            .reshape(batch, dInner, grid.length())
            .transpose(0, 2, 1); // (B, L, E)
    MultiScan multiScan = multiScan(grid);
    NDArray y;
    if (batchesPaths(multiScan)) {
      y = scanPathsAsOneBatch(values, multiScan, xc, keptMask); // (B, L, E)
    } else if (keptMask == null) {
      y = multiScan.apply(xc, view -> scanPath(values, view)); // (B, L, E)
    } else {
      y = multiScan.apply(xc, keptMask, view -> scanPath(values, view)); // (B, L, E)
    }
    if (outNorm != null) {
      y = outNorm.apply(parameterStore, y, training);
    }
    NDArray gated = y.mul(AutogradSafe.silu(z)); // (B, L, E)
    return Linear.linear(gated, values.of(outWeight), values.orNull(outBias))
        .singletonOrThrow(); // (B, L, D)
  }

  /**
   * Whether all paths can run as one scan over a K-times larger batch: one shared weight set, no
   * channel groups and single-segment paths. The result is the same as path by path, with K times
   * fewer tensor ops (or fused-kernel calls).
   */
  private boolean batchesPaths(MultiScan multiScan) {
    return parameterSets == 1
        && multiScan.paths().size() > 1
        && multiScan.mergeRule() != MergeRule.CHANNEL_GROUPS
        && multiScan.paths().stream().allMatch(path -> path.segmentStarts().length == 1);
  }

  /** Runs every path in one scan: the K path orders stacked along the batch, (K·B, L, E). */
  private NDArray scanPathsAsOneBatch(
      Values values, MultiScan multiScan, NDArray xc, NDArray keptMask) {
    List<ScanPath> paths = multiScan.paths();
    int k = paths.size();
    long batch = xc.getShape().get(0);
    NDArray tokens = NDArrays.concat(multiScan.scan(xc), 0); // (K·B, L, E)
    NDArray mask = null;
    if (keptMask != null) {
      NDList masks = new NDList(k);
      paths.forEach(path -> masks.add(path.scan(keptMask)));
      mask = NDArrays.concat(masks, 0); // (K·B, L)
    }
    NDArray directionIds = null;
    if (directionEmbedding != null) {
      long[] ids = new long[Math.toIntExact(k * batch * xc.getShape().get(1))];
      int at = 0;
      for (ScanPath path : paths) {
        int[] steps = path.directions();
        for (long b = 0; b < batch; b++) {
          for (int step : steps) {
            ids[at++] = step;
          }
        }
      }
      directionIds =
          AutogradSafe.copyOf(xc.getManager(), ids, new Shape(k * batch, xc.getShape().get(1)));
    }
    NDArray y = scanSequences(values, 0, tokens, directionIds, new int[] {0}, mask);
    NDList perPath = y.split(k, 0); // K × (B, L, E)
    return multiScan.merge(multiScan.unscan(perPath));
  }

  /** Runs one path: tokens (B, L, E') in path order → gate-free scan output (B, L, E'). */
  private NDArray scanPath(Values values, ScanPathView view) {
    int k = parameterSets == 1 ? 0 : view.index();
    NDArray directionIds = null;
    if (directionEmbedding != null) {
      long[] ids = Arrays.stream(view.path().directions()).asLongStream().toArray();
      directionIds =
          AutogradSafe.copyOf(view.tokens().getManager(), ids, new Shape(ids.length)); // (L)
    }
    return scanSequences(
        values,
        k,
        view.tokens(),
        directionIds,
        view.path().segmentStarts(),
        view.keptMask().orElse(null));
  }

  /**
   * The selective scan with parameter set {@code k} of path-ordered tokens (B', L, E'), each
   * segment from a zero state.
   *
   * @param directionIds the {@link Direction} id of each step, (L) or (B', L), or null
   * @param segmentStarts the steps where a new sequence starts
   * @param mask the kept-mask in path order, (B', L), or null
   * @return the gate-free scan output, (B', L, E')
   */
  private NDArray scanSequences(
      Values values,
      int k,
      NDArray tokens,
      NDArray directionIds,
      int[] segmentStarts,
      NDArray mask) {
    NDArray xDbl =
        Linear.linear(tokens, values.slice(ssm.xProj(), new NDIndex("{}", k)), null)
            .singletonOrThrow(); // (B', L, R + 2N)
    NDArray dt = xDbl.get(new NDIndex(":, :, :{}", dtRank)); // (B', L, R)
    NDArray b = xDbl.get(new NDIndex(":, :, {}:{}", dtRank, dtRank + dState)); // (B', L, N)
    if (directionIds != null) {
      NDArray perStep =
          values.slice(directionEmbedding, new NDIndex("{}", directionIds)); // (.., L, N)
      b = b.add(perStep);
    }
    b = b.transpose(0, 2, 1); // (B', N, L)
    NDArray c = xDbl.get(new NDIndex(":, :, {}:", dtRank + dState)).transpose(0, 2, 1);
    NDArray delta =
        Linear.linear(dt, values.slice(ssm.dtWeight(), new NDIndex("{}", k)), null)
            .singletonOrThrow()
            .transpose(0, 2, 1); // (B', E', L)
    NDIndex rows = new NDIndex("{}:{}", (long) k * pathWidth, (long) (k + 1) * pathWidth);
    NDArray a = values.slice(ssm.aLog(), rows).exp().neg(); // (E', N)
    NDArray d = values.slice(ssm.d(), rows); // (E')
    NDArray deltaBias = values.slice(ssm.dtBias(), new NDIndex("{}", k)); // (E')
    NDArray xs = tokens.transpose(0, 2, 1); // (B', E', L)

    int length = Math.toIntExact(tokens.getShape().get(1));
    boolean single = segmentStarts.length == 1;
    NDList pieces = new NDList(segmentStarts.length);
    for (int s = 0; s < segmentStarts.length; s++) {
      int end = s + 1 < segmentStarts.length ? segmentStarts[s + 1] : length;
      NDIndex steps = new NDIndex(":, :, {}:{}", segmentStarts[s], end);
      ScanInputs.Builder inputs =
          ScanInputs.builder()
              .setX(single ? xs : xs.get(steps))
              .setDelta(single ? delta : delta.get(steps))
              .setA(a)
              .setB(single ? b : b.get(steps))
              .setC(single ? c : c.get(steps))
              .optD(d)
              .optDeltaBias(deltaBias)
              .optDeltaSoftplus(true);
      if (mask != null) {
        inputs.optKeptMask(
            single ? mask : mask.get(new NDIndex(":, {}:{}", segmentStarts[s], end)));
      }
      pieces.add(scan().apply(inputs.build()).y()); // (B', E', segment length)
    }
    NDArray y = single ? pieces.singletonOrThrow() : NDArrays.concat(pieces, 2);
    return y.transpose(0, 2, 1); // (B', L, E')
  }

  /**
   * Mixes the tokens of a square grid, as {@code forward} does; {@link #mix(ParameterStore,
   * NDArray, TokenGrid, NDArray, boolean)} takes any grid.
   *
   * @throws IllegalArgumentException if L is not a square
   */
  @Override
  public NDArray mix(ParameterStore parameterStore, NDArray u, NDArray keptMask, boolean training) {
    return mix(parameterStore, u, squareGrid(u), keptMask, training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    if (outNorm != null) {
      outNorm.initialize(manager, dataType, new Shape(1, 1, dInner));
    }
  }

  private static TokenGrid squareGrid(NDArray tokens) {
    long length = tokens.getShape().get(1);
    int side = (int) Math.round(Math.sqrt(length));
    if ((long) side * side != length) {
      throw new IllegalArgumentException(
          "forward() needs a square grid, got L = " + length + "; call mix() with the grid");
    }
    return TokenGrid.of(side, side);
  }

  private static Parameter bias(String name, long size) {
    return Parameters.bias(name, new Shape(size), Initializer.ZEROS);
  }

  /** Builds a {@link MultiScanMixer}: {@code setDModel} is required. */
  public static final class Builder extends BaseBuilder<Builder> {
    private ScanLayout layout = ScanLayout.CROSS;
    private double ssmRatio = 2.0;
    private int convKernel = 3;
    private boolean sharedPathWeights;
    private boolean directionEmbeddings;
    private boolean outNorm = true;
    private boolean projectionBias;

    private Builder() {
      super(new ChunkedScan());
    }

    /** Sets the scan layout; {@link ScanLayout#CROSS} (VMamba SS2D) by default. */
    public Builder optLayout(ScanLayout layout) {
      this.layout = layout;
      return this;
    }

    /** Sets E / D (VMamba's ssm_ratio, Mamba's expand); 2 by default. */
    public Builder optSsmRatio(double ssmRatio) {
      this.ssmRatio = ssmRatio;
      return this;
    }

    /** Sets the odd depthwise conv kernel size k; 3 (VMamba) by default, PlainMamba uses 7. */
    public Builder optConvKernel(int convKernel) {
      this.convKernel = convKernel;
      return this;
    }

    /** Makes all paths share one parameter set (PlainMamba); off (one set per path) by default. */
    public Builder optSharedPathWeights(boolean sharedPathWeights) {
      this.sharedPathWeights = sharedPathWeights;
      return this;
    }

    /** Adds PlainMamba's learned direction embedding to B; off by default. */
    public Builder optDirectionEmbeddings(boolean directionEmbeddings) {
      this.directionEmbeddings = directionEmbeddings;
      return this;
    }

    /** Applies a LayerNorm to the merged scan output before the gate (VMamba); on by default. */
    public Builder optOutNorm(boolean outNorm) {
      this.outNorm = outNorm;
      return this;
    }

    /** Gives in_proj and out_proj a bias (PlainMamba); off by default. */
    public Builder optProjectionBias(boolean projectionBias) {
      this.projectionBias = projectionBias;
      return this;
    }

    private int dInner() {
      return (int) Math.round(ssmRatio * dModel());
    }

    /**
     * Checks the sizes and returns the mixer.
     *
     * @throws IllegalArgumentException naming the first bad size
     */
    public MultiScanMixer build() {
      checkSizes();
      Objects.requireNonNull(layout, "layout");
      if (!(ssmRatio > 0) || dInner() < 1) {
        throw new IllegalArgumentException("ssmRatio must give E >= 1, got " + ssmRatio);
      }
      if (convKernel < 1 || convKernel % 2 == 0) {
        throw new IllegalArgumentException(
            "convKernel must be odd and positive, got " + convKernel);
      }
      int paths = layout.pathCount();
      if (layout.over(TokenGrid.of(2, 2)).mergeRule() == MergeRule.CHANNEL_GROUPS
          && dInner() % paths != 0) {
        throw new IllegalArgumentException(
            layout + " needs E divisible by " + paths + " groups, got E = " + dInner());
      }
      return new MultiScanMixer(this);
    }
  }
}
