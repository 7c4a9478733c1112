package io.mambastream.backbones.mamba;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.mambastream.backbones.AutogradSafe;
import io.mambastream.backbones.Parameters;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.MaskMode;
import io.mambastream.backbones.ssm.ScanArrays;
import io.mambastream.backbones.ssm.ScanInputs;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.ssm.SequentialScan;
import java.util.Objects;

/**
 * The Mamba-1 mixer, optionally with the Vim "v2" backward branch.
 *
 * <pre>
 * x, z  = split(in_proj(u))                                   (B, E, L) each
 * y_dir = scan(silu(conv1d(x)), Δ, A, B, C, D) · silu(z)      per direction
 *         with x_proj(·) = (dt, B, C), Δ = softplus(dt_proj.weight·dt + dt_proj.bias),
 *         A = −exp(A_log)
 * out   = out_proj(y_fwd)                                     one direction
 * out   = out_proj((y_fwd + flip(y_bwd)) / 2)                 bidirectional: the backward branch
 *         reads flip(x), flip(z) with its own conv1d_b, x_proj_b, dt_proj_b, A_b_log, D_b
 * </pre>
 *
 * <table>
 *   <caption>Parameters, named as in the official state dict</caption>
 *   <tr><th>name</th><th>shape</th></tr>
 *   <tr><td>in_proj.weight</td><td>(2E, D)</td></tr>
 *   <tr><td>conv1d.weight, conv1d.bias</td><td>(E, 1, K), (E)</td></tr>
 *   <tr><td>x_proj.weight</td><td>(R + 2N, E)</td></tr>
 *   <tr><td>dt_proj.weight, dt_proj.bias</td><td>(E, R), (E)</td></tr>
 *   <tr><td>A_log, D</td><td>(E, N), (E)</td></tr>
 *   <tr><td>conv1d_b.*, x_proj_b.weight, dt_proj_b.*, A_b_log, D_b</td><td>as above</td></tr>
 *   <tr><td>out_proj.weight</td><td>(D, E)</td></tr>
 * </table>
 *
 * <p>Input (B, L, D), optionally a kept-mask (B, L) for token pruning; output (B, L, D). The scan
 * is injectable: a differentiable one for training, a fused kernel for inference. With a {@link
 * FusedScan}, {@code training == false}, no kept-mask and float32 input, {@link #mix} takes an
 * inference path on float arrays between the tensor matmuls (conv + SiLU in Java, the backward
 * branch as an anti-causal conv and a reverse scan, so nothing is flipped); same results.
 */
public final class MambaMixer extends AbstractBlock {

  private final int dModel;
  private final int dState;
  private final int dConv;
  private final int dInner;
  private final int dtRank;
  private final Parameter inProj;
  private final Direction forwardDirection;
  private final Direction backwardDirection;
  private final Parameter outProj;
  private SelectiveScan scan;

  private MambaMixer(Builder builder) {
    dModel = builder.dModel;
    dState = builder.dState;
    dConv = builder.dConv;
    dInner = builder.expand * builder.dModel;
    dtRank = builder.dtRank > 0 ? builder.dtRank : (builder.dModel + 15) / 16;
    scan = builder.scan;
    inProj =
        addParameter(
            Parameters.weight("in_proj.weight", new Shape(2L * dInner, dModel), fanIn(dModel)));
    forwardDirection = new Direction("");
    backwardDirection = builder.bidirectional ? new Direction("_b") : null;
    outProj =
        addParameter(
            Parameters.weight(
                "out_proj.weight",
                new Shape(dModel, dInner),
                MambaInit.scaledOutput(dInner, builder.layerCount)));
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the model width D. */
  public int dModel() {
    return dModel;
  }

  /** Returns the inner width E. */
  public int dInner() {
    return dInner;
  }

  /** Returns the state size N. */
  public int dState() {
    return dState;
  }

  /** Returns the rank R of the Δ projection. */
  public int dtRank() {
    return dtRank;
  }

  /** Returns whether the mixer has the backward branch. */
  public boolean isBidirectional() {
    return backwardDirection != null;
  }

  /** Returns the scan in use. */
  public SelectiveScan scan() {
    return scan;
  }

  /** Replaces the scan (for example a fused kernel for inference after training). */
  public void setScan(SelectiveScan scan) {
    this.scan = Objects.requireNonNull(scan, "scan");
  }

  /**
   * Mixes a sequence.
   *
   * @param parameterStore where parameter values come from
   * @param u the sequence, (B, L, D)
   * @param keptMask 1 for kept, 0 for pruned tokens, (B, L), or null
   * @param training whether gradients are recorded
   * @return (B, L, D)
   */
  public NDArray mix(ParameterStore parameterStore, NDArray u, NDArray keptMask, boolean training) {
    Values values = new Values(parameterStore, u.getDevice(), training);
    if (!training
        && keptMask == null
        && scan instanceof FusedScan fused
        && u.getDataType() == DataType.FLOAT32) {
      return mixOnArrays(values, fused, u);
    }
    NDArray xz = Linear.linear(u, values.of(inProj), null).singletonOrThrow(); // (B, L, 2E)
    xz = xz.transpose(0, 2, 1); // (B, 2E, L)
    NDArray x = xz.get(new NDIndex(":, :{}", dInner)); // (B, E, L)
    NDArray z = xz.get(new NDIndex(":, {}:", dInner)); // (B, E, L)
    NDArray y = forwardDirection.run(values, x, z, keptMask); // (B, E, L)
    if (backwardDirection != null) {
      NDArray keptBackward = keptMask == null ? null : keptMask.flip(1);
      NDArray yBackward = backwardDirection.run(values, x.flip(2), z.flip(2), keptBackward);
      y = y.add(yBackward.flip(2)).div(AutogradSafe.scalar(y, 2)); // (B, E, L)
    }
    return Linear.linear(y.transpose(0, 2, 1), values.of(outProj), null)
        .singletonOrThrow(); // (B, L, D)
  }

  /**
   * The inference path on the fused scan: the projections stay tensor matmuls, everything between
   * them runs on float arrays (conv + SiLU, Δ's bias and softplus inside the scan) and the backward
   * branch is a reverse scan, so no sequence is flipped. Same results as the tensor path.
   */
  private NDArray mixOnArrays(Values values, FusedScan fused, NDArray u) {
    int batch = Math.toIntExact(u.getShape().get(0));
    int length = Math.toIntExact(u.getShape().get(1));
    float[] xz;
    try (NDArray projected = Linear.linear(u, values.of(inProj), null).singletonOrThrow()) {
      xz = projected.toFloatArray(); // (B, L, 2E)
    }
    float[] z = new float[batch * dInner * length]; // (B, E, L)
    for (int b = 0; b < batch; b++) {
      Transpose.block(
          xz, b * length * 2 * dInner + dInner, 2 * dInner, length, dInner, z, b * dInner * length);
    }
    NDManager manager = u.getManager();
    float[] y = forwardDirection.runOnArrays(values, fused, manager, xz, z, batch, length, false);
    if (backwardDirection != null) {
      float[] yBackward =
          backwardDirection.runOnArrays(values, fused, manager, xz, z, batch, length, true);
      for (int i = 0; i < y.length; i++) {
        y[i] = (y[i] + yBackward[i]) / 2;
      }
    }
    float[] yRows = new float[y.length]; // (B, L, E)
    for (int b = 0; b < batch; b++) {
      Transpose.block(y, b * dInner * length, length, dInner, length, yRows, b * length * dInner);
    }
    try (NDArray mixed = manager.create(yRows, new Shape(batch, length, dInner))) {
      return Linear.linear(mixed, values.of(outProj), null).singletonOrThrow(); // (B, L, D)
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray keptMask = inputs.size() > 1 ? inputs.get(1) : null;
    return new NDList(mix(parameterStore, inputs.get(0), keptMask, training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  private static Initializer fanIn(long fanIn) {
    return MambaInit.fanInUniform(fanIn);
  }

  /** Parameter values of one forward call. */
  private record Values(ParameterStore store, Device device, boolean training) {
    NDArray of(Parameter parameter) {
      return store.getValue(parameter, device, training);
    }
  }

  /** The parameters and computation of one scan direction ("" forward, "_b" backward). */
  private final class Direction {
    private final Parameter convWeight;
    private final Parameter convBias;
    private final Parameter xProj;
    private final Parameter dtWeight;
    private final Parameter dtBias;
    private final Parameter aLog;
    private final Parameter d;

    Direction(String suffix) {
      // Conv1d default init: fan_in = (E / groups) · K = K.
      convWeight =
          addParameter(
              Parameters.weight(
                  "conv1d" + suffix + ".weight", new Shape(dInner, 1, dConv), fanIn(dConv)));
      convBias =
          addParameter(
              Parameters.bias("conv1d" + suffix + ".bias", new Shape(dInner), fanIn(dConv)));
      xProj =
          addParameter(
              Parameters.weight(
                  "x_proj" + suffix + ".weight",
                  new Shape(dtRank + 2L * dState, dInner),
                  fanIn(dInner)));
      dtWeight =
          addParameter(
              Parameters.weight(
                  "dt_proj" + suffix + ".weight",
                  new Shape(dInner, dtRank),
                  MambaInit.dtWeight(dtRank)));
      dtBias =
          addParameter(
              Parameters.bias("dt_proj" + suffix + ".bias", new Shape(dInner), MambaInit.dtBias()));
      aLog =
          addParameter(
              Parameters.other(
                  suffix.isEmpty() ? "A_log" : "A" + suffix + "_log",
                  new Shape(dInner, dState),
                  MambaInit.stateLog()));
      // D = 1: the skip starts as an identity path around the scan.
      d = addParameter(Parameters.other("D" + suffix, new Shape(dInner), Initializer.ONES));
    }

    /** Runs this direction on x, z (B, E, L); returns the gated scan output (B, E, L). */
    NDArray run(Values values, NDArray x, NDArray z, NDArray keptMask) {
      NDArray conv = CausalConv1d.apply(x, values.of(convWeight), values.of(convBias)); // (B, E, L)
      NDArray xc = AutogradSafe.silu(conv); // (B, E, L)
      NDArray xDbl =
          Linear.linear(xc.transpose(0, 2, 1), values.of(xProj), null)
              .singletonOrThrow(); // (B, L, R + 2N)
      NDArray dt = xDbl.get(new NDIndex(":, :, :{}", dtRank)); // (B, L, R)
      NDArray b =
          xDbl.get(new NDIndex(":, :, {}:{}", dtRank, dtRank + dState))
              .transpose(0, 2, 1); // (B, N, L)
      NDArray c = xDbl.get(new NDIndex(":, :, {}:", dtRank + dState)).transpose(0, 2, 1);
      NDArray delta =
          Linear.linear(dt, values.of(dtWeight), null)
              .singletonOrThrow()
              .transpose(0, 2, 1); // (B, E, L)
      NDArray a = values.of(aLog).exp().neg(); // (E, N)
      a.attach(xc.getManager()); // freed with the activations, not kept with the parameters
      ScanInputs.Builder inputs =
          ScanInputs.builder()
              .setX(xc)
              .setDelta(delta)
              .setA(a)
              .setB(b)
              .setC(c)
              .optD(values.of(d))
              .optZ(z)
              .optDeltaBias(values.of(dtBias))
              .optDeltaSoftplus(true);
      if (keptMask != null) {
        inputs.optKeptMask(keptMask);
      }
      return scan.apply(inputs.build()).y();
    }

    /**
     * The same as {@link #run} on float arrays, for the inference path: x is read from in_proj's
     * output {@code xz} (B, L, 2E), z is (B, E, L); {@code reverse} is the backward branch in the
     * original position order (anti-causal conv, reverse scan). Returns y, (B, E, L).
     */
    float[] runOnArrays(
        Values values,
        FusedScan fused,
        NDManager manager,
        float[] xz,
        float[] z,
        int batch,
        int length,
        boolean reverse) {
      int positions = batch * length;
      float[] xc = new float[positions * dInner]; // (B, E, L)
      float[] xcRows = new float[positions * dInner]; // (B, L, E)
      ConvSilu.apply(
          xz,
          batch,
          length,
          2 * dInner,
          floats(values.of(convWeight)),
          floats(values.of(convBias)),
          reverse,
          xc,
          xcRows);
      int width = dtRank + 2 * dState;
      float[] xDbl; // (B, L, R + 2N)
      float[] dtRows; // (B, L, E): dt_proj.weight · dt, before bias and softplus
      try (NDManager scope = manager.newSubManager()) {
        NDArray rows = scope.create(xcRows, new Shape(batch, length, dInner));
        NDArray projected = Linear.linear(rows, values.of(xProj), null).singletonOrThrow();
        NDArray dt = projected.get(new NDIndex(":, :, :{}", dtRank));
        NDArray steps = Linear.linear(dt, values.of(dtWeight), null).singletonOrThrow();
        xDbl = projected.toFloatArray();
        dtRows = steps.toFloatArray();
      }
      float[] delta = new float[positions * dInner]; // (B, E, L)
      float[] b = new float[positions * dState]; // (B, N, L)
      float[] c = new float[positions * dState];
      for (int bb = 0; bb < batch; bb++) {
        int sequence = bb * dInner * length;
        Transpose.block(dtRows, sequence, dInner, length, dInner, delta, sequence);
        int projected = bb * length * width + dtRank;
        int states = bb * dState * length;
        Transpose.block(xDbl, projected, width, length, dState, b, states);
        Transpose.block(xDbl, projected + dState, width, length, dState, c, states);
      }
      float[] a = floats(values.of(aLog)); // (E, N): A = −exp(A_log)
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) -Math.exp(a[i]);
      }
      ScanArrays arrays =
          new ScanArrays(
              batch,
              dInner,
              length,
              dState,
              xc,
              delta,
              a,
              b,
              c,
              floats(values.of(d)),
              z,
              floats(values.of(dtBias)),
              true,
              null,
              MaskMode.CARRY_STATE);
      float[] y = new float[xc.length];
      fused.scan(
          arrays, fused.newWorkspace(arrays), y, new float[batch * dInner * dState], reverse);
      return y;
    }
  }

  /** A parameter's values as float32. */
  private static float[] floats(NDArray array) {
    if (array.getDataType() == DataType.FLOAT32) {
      return array.toFloatArray();
    }
    try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
      return converted.toFloatArray();
    }
  }

  /** Builds a {@link MambaMixer}: {@code setDModel} is required. */
  public static final class Builder {
    private int dModel;
    private int dState = 16;
    private int dConv = 4;
    private int expand = 2;
    private int dtRank;
    private boolean bidirectional = true;
    private int layerCount = 1;
    private SelectiveScan scan = new SequentialScan();

    private Builder() {}

    /** Sets the model width D. */
    public Builder setDModel(int dModel) {
      this.dModel = dModel;
      return this;
    }

    /** Sets the state size N; 16 by default. */
    public Builder optDState(int dState) {
      this.dState = dState;
      return this;
    }

    /** Sets the conv kernel width K; 4 by default. */
    public Builder optDConv(int dConv) {
      this.dConv = dConv;
      return this;
    }

    /** Sets the expansion E / D; 2 by default. */
    public Builder optExpand(int expand) {
      this.expand = expand;
      return this;
    }

    /** Sets the Δ projection rank R; ceil(D / 16) by default. */
    public Builder optDtRank(int dtRank) {
      this.dtRank = dtRank;
      return this;
    }

    /** Adds the Vim "v2" backward branch; on by default. */
    public Builder optBidirectional(boolean bidirectional) {
      this.bidirectional = bidirectional;
      return this;
    }

    /** Sets the number of layers of the model, which scales the out_proj init by 1/√layers. */
    public Builder optLayerCount(int layerCount) {
      this.layerCount = layerCount;
      return this;
    }

    /** Sets the scan; the sequential reference by default. */
    public Builder optScan(SelectiveScan scan) {
      this.scan = scan;
      return this;
    }

    /**
     * Checks the sizes and returns the mixer.
     *
     * @throws IllegalArgumentException naming the first bad size
     */
    public MambaMixer build() {
      positive("dModel", dModel);
      positive("dState", dState);
      positive("dConv", dConv);
      positive("expand", expand);
      positive("layerCount", layerCount);
      if (dtRank < 0) {
        throw new IllegalArgumentException(
            "dtRank must be positive (or 0 for auto), got " + dtRank);
      }
      Objects.requireNonNull(scan, "scan");
      return new MambaMixer(this);
    }

    private static void positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
    }
  }
}
