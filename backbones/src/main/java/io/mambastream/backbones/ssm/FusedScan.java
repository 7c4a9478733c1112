package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import jdk.incubator.vector.FloatVector;

/**
 * The fused CPU inference scan on primitive arrays: bias, softplus, kept-mask, recurrence, skip and
 * gate in one pass per channel, no tensor ops and no allocation inside the scan.
 *
 * <p>Threads claim blocks of the B·D independent channels as they go (a thread that starts late or
 * is descheduled holds up at most one block, not a fixed share); each channel is scanned by one
 * thread, identically whatever the thread count, so results do not depend on it. A workspace serves
 * one scan at a time; concurrent scans need one workspace each. Inside a channel the recurrence is
 * vectorised over the state N with the Vector API (off with {@code
 * -Dmambastream.scan.vectors=false} or {@link Builder#optVectors(boolean)}).
 *
 * <p>exp(Δ_t·A) depends on both t and n, so it is computed in the loop (B·D·L·N exponentials, the
 * kernel's main cost); everything that depends on t only (softplus of Δ, Δ·x, silu of z) is
 * computed once per position, not per state index.
 *
 * <pre>{@code
 * FusedScan scan = FusedScan.builder().optThreads(4).build();
 * ScanWorkspace workspace = scan.newWorkspace(arrays);            // once
 * scan.scan(arrays, workspace, y, lastState);                     // y (B, D, L), lastState (B, D, N)
 * }</pre>
 */
public final class FusedScan implements SelectiveScan {
  /** System property that turns the Vector API off when set to {@code false}. */
  public static final String VECTORS_PROPERTY = "mambastream.scan.vectors";

  /** Channels a worker claims at a time: small enough to balance, large enough to amortise. */
  static final int CHANNELS_PER_BLOCK = 8;

  private final ParallelRange parallel;
  private final ScalarScanKernel kernel;

  private FusedScan(Builder builder) {
    this.parallel = new ParallelRange(builder.threads);
    this.kernel =
        builder.vectors
            ? VectorScanKernel.ofBits(
                builder.vectorBits == 0
                    ? Math.min(512, FloatVector.SPECIES_PREFERRED.vectorBitSize())
                    : builder.vectorBits)
            : new ScalarScanKernel();
  }

  /** Returns a builder with the default thread count and vector setting. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return "fused";
  }

  /** Returns the id, thread count and vector width, e.g. "fused(threads=2, scalar)". */
  @Override
  public String toString() {
    return id() + "(threads=" + threads() + ", " + vectorDescription() + ")";
  }

  /** Returns the number of threads a scan uses. */
  public int threads() {
    return parallel.threads();
  }

  /** Returns "scalar" or the vector width in use, e.g. "512-bit (16 floats)". */
  public String vectorDescription() {
    return kernel.describe();
  }

  /** Allocates a workspace that fits {@code inputs} on this scan's threads. */
  public ScanWorkspace newWorkspace(ScanArrays inputs) {
    return ScanWorkspace.allocate(
        inputs.batch(), inputs.length(), inputs.stateSize(), parallel.threads());
  }

  /**
   * Runs the scan on flat arrays.
   *
   * @param inputs the arguments
   * @param workspace buffers that {@link ScanWorkspace#fits} the inputs on this scan's threads
   * @param y receives the output, (B, D, L)
   * @param lastState receives the state after the last position, (B, D, N)
   */
  public void scan(ScanArrays inputs, ScanWorkspace workspace, float[] y, float[] lastState) {
    scan(inputs, workspace, y, lastState, false);
  }

  /**
   * Runs the scan on flat arrays, from the last position down to the first when {@code reverse}:
   * the same as flipping every (·, L) input along L, scanning forward and flipping y back, without
   * the flips (the Vim backward branch).
   *
   * @param inputs the arguments
   * @param workspace buffers that {@link ScanWorkspace#fits} the inputs on this scan's threads
   * @param y receives the output, (B, D, L), in the inputs' position order
   * @param lastState receives the state after the last position scanned (position 0 when {@code
   *     reverse}), (B, D, N)
   * @param reverse whether to scan positions L − 1 .. 0
   */
  public void scan(
      ScanArrays inputs, ScanWorkspace workspace, float[] y, float[] lastState, boolean reverse) {
    if (!workspace.fits(inputs, parallel.threads())) {
      throw new IllegalArgumentException("workspace too small for these inputs and threads");
    }
    int channels = inputs.channels();
    if (y.length != inputs.x().length) {
      throw new IllegalArgumentException("y must have B·D·L = " + inputs.x().length + " entries");
    }
    if (lastState.length != inputs.batch() * channels * inputs.stateSize()) {
      throw new IllegalArgumentException("lastState must have B·D·N entries");
    }
    parallel.forEach(
        inputs.batch(), 1, (worker, from, to) -> transposeProjections(inputs, workspace, from, to));
    parallel.forEach(
        inputs.batch() * channels,
        CHANNELS_PER_BLOCK,
        (worker, from, to) -> {
          ScanWorkspace.Row row = workspace.rows[worker];
          for (int i = from; i < to; i++) {
            kernel.scanChannel(
                inputs,
                workspace.bT,
                workspace.cT,
                i / channels,
                i % channels,
                row,
                y,
                lastState,
                reverse);
          }
        });
  }

  /** Runs the scan on flat arrays with a fresh workspace and new output arrays. */
  public Output scan(ScanArrays inputs) {
    Output out =
        new Output(
            new float[inputs.x().length],
            new float[inputs.batch() * inputs.channels() * inputs.stateSize()]);
    scan(inputs, newWorkspace(inputs), out.y(), out.lastState());
    return out;
  }

  /** Copies the NDArrays to float arrays, scans, and copies the results back (float32). */
  @Override
  public ScanResult apply(ScanInputs inputs) {
    ScanArrays arrays = ScanArrays.copyOf(inputs);
    Output out = scan(arrays);
    NDManager manager = inputs.x().getManager();
    NDArray y =
        manager.create(out.y(), new Shape(arrays.batch(), arrays.channels(), arrays.length()));
    NDArray lastState =
        manager.create(
            out.lastState(), new Shape(arrays.batch(), arrays.channels(), arrays.stateSize()));
    DataType type = inputs.x().getDataType();
    if (type != DataType.FLOAT32) {
      return new ScanResult(y.toType(type, false), lastState.toType(type, false));
    }
    return new ScanResult(y, lastState);
  }

  /** (B, N, L) → (B, L, N) for B_t and C_t, batch elements [from, to). */
  private static void transposeProjections(
      ScanArrays inputs, ScanWorkspace workspace, int from, int to) {
    int n = inputs.stateSize();
    int length = inputs.length();
    for (int b = from; b < to; b++) {
      int base = b * n * length;
      for (int s = 0; s < n; s++) {
        for (int t = 0; t < length; t++) {
          workspace.bT[base + t * n + s] = inputs.b()[base + s * length + t];
          workspace.cT[base + t * n + s] = inputs.c()[base + s * length + t];
        }
      }
    }
  }

  /**
   * The results of a scan on flat arrays.
   *
   * @param y the output, (B, D, L)
   * @param lastState the state after the last position, (B, D, N)
   */
  public record Output(float[] y, float[] lastState) {}

  /** Builds a {@link FusedScan}: every option has a default. */
  public static final class Builder {
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean vectors = !"false".equalsIgnoreCase(System.getProperty(VECTORS_PROPERTY));
    private int vectorBits;

    private Builder() {}

    /** Sets the number of threads; the available processors by default. */
    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Turns the Vector API on or off; on unless the system property {@value
     * FusedScan#VECTORS_PROPERTY} is {@code false}.
     */
    public Builder optVectors(boolean vectors) {
      this.vectors = vectors;
      return this;
    }

    /**
     * Sets the vector width in bits (64, 128, 256 or 512); by default the platform's preferred
     * width, at most 512.
     */
    public Builder optVectorBits(int vectorBits) {
      this.vectorBits = vectorBits;
      return this;
    }

    /** Checks the options and returns the scan. */
    public FusedScan build() {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive, got " + threads);
      }
      if (vectorBits != 0
          && vectorBits != 64
          && vectorBits != 128
          && vectorBits != 256
          && vectorBits != 512) {
        throw new IllegalArgumentException(
            "vector bits must be 64, 128, 256 or 512, got " + vectorBits);
      }
      return new FusedScan(this);
    }
  }
}
