package io.mambastream.backbones.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.AutogradSafe;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.MaskMode;
import io.mambastream.backbones.ssm.ScanArrays;
import io.mambastream.backbones.ssm.ScanInputs;
import io.mambastream.backbones.ssm.SequentialScan;

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
public final class MambaMixer extends SelectiveMixer {

  private final int dConv;
  private final Parameter inProj;
  private final Direction forwardDirection;
  private final Direction backwardDirection;
  private final Parameter outProj;

  private MambaMixer(Builder builder) {
    super(builder, builder.expand * builder.dModel());
    dConv = builder.dConv;
    inProj = addInputProjection();
    forwardDirection = new Direction("");
    backwardDirection = builder.bidirectional ? new Direction("_b") : null;
    outProj = addOutputProjection(MambaInit.scaledOutput(dInner, builder.layerCount));
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns whether the mixer has the backward branch. */
  public boolean isBidirectional() {
    return backwardDirection != null;
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
  @Override
  public NDArray mix(ParameterStore parameterStore, NDArray u, NDArray keptMask, boolean training) {
    Values values = new Values(parameterStore, u, training);
    if (!training
        && keptMask == null
        && scan() instanceof FusedScan fused
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

  /** The parameters and computation of one scan direction ("" forward, "_b" backward). */
  private final class Direction {
    private final ConvParameters conv;
    private final SsmParameters ssm;

    Direction(String suffix) {
      conv = addDepthwiseConv("conv1d" + suffix, dConv);
      ssm =
          addSsmParameters(
              new SsmNames(
                  "x_proj" + suffix + ".weight",
                  "dt_proj" + suffix + ".weight",
                  "dt_proj" + suffix + ".bias",
                  suffix.isEmpty() ? "A_log" : "A" + suffix + "_log",
                  "D" + suffix),
              dInner);
    }

    /** Runs this direction on x, z (B, E, L); returns the gated scan output (B, E, L). */
    NDArray run(Values values, NDArray x, NDArray z, NDArray keptMask) {
      NDArray convolved =
          CausalConv1d.apply(x, values.of(conv.weight()), values.of(conv.bias())); // (B, E, L)
      NDArray xc = AutogradSafe.silu(convolved); // (B, E, L)
      NDArray xDbl =
          Linear.linear(xc.transpose(0, 2, 1), values.of(ssm.xProj()), null)
              .singletonOrThrow(); // (B, L, R + 2N)
      NDArray dt = xDbl.get(new NDIndex(":, :, :{}", dtRank)); // (B, L, R)
      NDArray b =
          xDbl.get(new NDIndex(":, :, {}:{}", dtRank, dtRank + dState))
              .transpose(0, 2, 1); // (B, N, L)
      NDArray c = xDbl.get(new NDIndex(":, :, {}:", dtRank + dState)).transpose(0, 2, 1);
      NDArray delta =
          Linear.linear(dt, values.of(ssm.dtWeight()), null)
              .singletonOrThrow()
              .transpose(0, 2, 1); // (B, E, L)
      NDArray a = values.of(ssm.aLog()).exp().neg(); // (E, N)
      a.attach(xc.getManager()); // freed with the activations, not kept with the parameters
      ScanInputs.Builder inputs =
          ScanInputs.builder()
              .setX(xc)
              .setDelta(delta)
              .setA(a)
              .setB(b)
              .setC(c)
              .optD(values.of(ssm.d()))
              .optZ(z)
              .optDeltaBias(values.of(ssm.dtBias()))
              .optDeltaSoftplus(true);
      if (keptMask != null) {
        inputs.optKeptMask(keptMask);
      }
      return scan().apply(inputs.build()).y();
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
          floats(values.of(conv.weight())),
          floats(values.of(conv.bias())),
          reverse,
          xc,
          xcRows);
      int width = dtRank + 2 * dState;
      float[] xDbl; // (B, L, R + 2N)
      float[] dtRows; // (B, L, E): dt_proj.weight · dt, before bias and softplus
      try (NDManager scope = manager.newSubManager()) {
        NDArray rows = scope.create(xcRows, new Shape(batch, length, dInner));
        NDArray projected = Linear.linear(rows, values.of(ssm.xProj()), null).singletonOrThrow();
        NDArray dt = projected.get(new NDIndex(":, :, :{}", dtRank));
        NDArray steps = Linear.linear(dt, values.of(ssm.dtWeight()), null).singletonOrThrow();
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
      float[] a = floats(values.of(ssm.aLog())); // (E, N): A = −exp(A_log)
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
              floats(values.of(ssm.d())),
              z,
              floats(values.of(ssm.dtBias())),
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

  /** Builds a {@link MambaMixer}: {@code setDModel} is required; the sequential scan by default. */
  public static final class Builder extends BaseBuilder<Builder> {
    private int dConv = 4;
    private int expand = 2;
    private boolean bidirectional = true;
    private int layerCount = 1;

    private Builder() {
      super(new SequentialScan());
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

    /**
     * Checks the sizes and returns the mixer.
     *
     * @throws IllegalArgumentException naming the first bad size
     */
    public MambaMixer build() {
      checkSizes();
      positive("dConv", dConv);
      positive("expand", expand);
      positive("layerCount", layerCount);
      return new MambaMixer(this);
    }
  }
}
