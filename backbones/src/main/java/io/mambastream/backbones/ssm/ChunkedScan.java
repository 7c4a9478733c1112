package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.AutogradSafe;

/**
 * The chunked selective scan: a differentiable NDArray form for training that issues O(T + L / T)
 * tensor ops per scan instead of O(L), with a cheap backward pass.
 *
 * <p>The sequence is cut into C = ⌈L / T⌉ chunks (the tail is padded with Δ = 0, which carries the
 * state unchanged and injects nothing). Inside a chunk, with s_t = Σ_{k ≤ t} Δ_k·A (a cumulative
 * sum per channel and state) and h_in the state entering the chunk,
 *
 * <pre>
 * h_t = exp(s_t) ⊙ h_in + local_t,   local_t = Σ_{u ≤ t} exp(s_t − s_u) ⊙ Δ_u·B_u·x_u
 * </pre>
 *
 * <p>The algorithm, every step for all chunks at once:
 *
 * <ol>
 *   <li>Intra-chunk: the local states, the state each chunk builds from its own tokens starting
 *       from zero, in one of two exact forms ({@link IntraChunk}).
 *   <li>Chunk states: the local state at each chunk's last token.
 *   <li>Inter-chunk: a short loop over the C chunks carries the (B, D, N) state, h ← exp(s_last) ⊙
 *       h + chunk state.
 *   <li>State to output: y_t = Σ_n C_t[n]·h_t[n] with h_t from the entering state as above, then
 *       the shared epilogue of {@link DiscretizedInputs#output}.
 * </ol>
 *
 * <p>No exponential ever grows: s_t − s_u ≤ 0 for u ≤ t, the decay matrix is masked with −∞ before
 * the exp, and exp(−s) alone is never formed.
 *
 * <p>Trade-offs. Mamba-1 decays per (channel, state), so the {@link IntraChunk#DECAY_MATRIX} form
 * builds (and keeps for backward) B·D·L·T·N-sized decay matrices: memory and flops grow with T, and
 * on a CPU it loses to the recurrence form at every T measured (2 to 8 times slower). {@link
 * IntraChunk#RECURRENCE} does the sequential recurrence's B·D·L·N work in about 6·T + 2·C + 20
 * tensor ops, fewest near T = √(L / 3); its backward pass slices with {@code split}, which costs
 * one concatenation, where the per-token reference's indexing allocates a full-size gradient per
 * step (O(L²) work). {@link #DEFAULT_CHUNK_SIZE} = 16 with the recurrence form was the fastest
 * forward plus backward measured on the CPU for Vim shapes (D = 384, N = 16, L = 197 and 1025).
 * Every L works, L = 1 and L not a multiple of T included; T is capped at L.
 */
public final class ChunkedScan implements SelectiveScan {

  /** The default chunk size T. */
  public static final int DEFAULT_CHUNK_SIZE = 16;

  /** How step 1 computes the state each chunk builds from its own tokens. */
  public enum IntraChunk {
    /**
     * local_t = Σ_u D_tu ⊙ Δ_u·B_u·x_u with the masked T×T decay matrix D_tu = exp(s_t − s_u), one
     * batched matrix product: no loop at all, but B·D·L·T·N memory and flops.
     */
    DECAY_MATRIX,
    /**
     * local_t = exp(Δ_t·A) ⊙ local_{t-1} + Δ_t·B_t·x_t over the T positions of a chunk, all chunks
     * at once: T steps on (B, D, C, N) slices, run twice (from zero for the chunk states, then from
     * the entering states for the output), B·D·L·N memory and flops (the default).
     */
    RECURRENCE
  }

  private final int chunkSize;
  private final IntraChunk intraChunk;

  /** Creates a chunked scan with the default chunk size and intra-chunk form. */
  public ChunkedScan() {
    this(DEFAULT_CHUNK_SIZE);
  }

  /** Creates a chunked scan with chunks of {@code chunkSize} tokens and the default form. */
  public ChunkedScan(int chunkSize) {
    this(chunkSize, IntraChunk.RECURRENCE);
  }

  /**
   * Creates a chunked scan with chunks of {@code chunkSize} tokens.
   *
   * @throws IllegalArgumentException if {@code chunkSize < 1} or {@code intraChunk} is null
   */
  public ChunkedScan(int chunkSize, IntraChunk intraChunk) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
    }
    if (intraChunk == null) {
      throw new IllegalArgumentException("intraChunk must not be null");
    }
    this.chunkSize = chunkSize;
    this.intraChunk = intraChunk;
  }

  /** Returns the chunk size T. */
  public int chunkSize() {
    return chunkSize;
  }

  /** Returns how the state inside a chunk is computed. */
  public IntraChunk intraChunk() {
    return intraChunk;
  }

  @Override
  public String id() {
    return "chunked";
  }

  /** Returns the id, the chunk size and the form, e.g. "chunked(T=16, RECURRENCE)". */
  @Override
  public String toString() {
    return id() + "(T=" + chunkSize + ", " + intraChunk + ")";
  }

  @Override
  public ScanResult apply(ScanInputs inputs) {
    NDArray y;
    NDArray lastState;
    // Intermediates are closed with the scope (autograd keeps what backward needs).
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDManager manager = inputs.x().getManager();
      int batch = inputs.batch();
      int channels = inputs.channels();
      int length = inputs.length();
      int state = inputs.stateSize();
      int t = Math.min(chunkSize, length);
      int chunks = (length + t - 1) / t;
      Shape padding = new Shape(0, (long) chunks * t - length); // right of the last axis

      DiscretizedInputs discretized = DiscretizedInputs.of(inputs);
      NDArray delta =
          discretized.delta().pad(padding, 0).reshape(batch, channels, chunks, t, 1); // (B,D,C,T,1)
      NDArray deltaX =
          discretized
              .delta()
              .mul(discretized.x())
              .pad(padding, 0)
              .reshape(batch, channels, chunks, t, 1); // (B, D, C, T, 1)
      NDArray bT = statesLast(inputs.b(), padding, chunks, t); // (B, 1, C, T, N)
      NDArray cT = statesLast(inputs.c(), padding, chunks, t); // (B, 1, C, T, N)
      NDArray logDecay = delta.mul(inputs.a().reshape(1, channels, 1, 1, state)); // (B,D,C,T,N)
      NDArray injection = deltaX.mul(bT); // (B, D, C, T, N)
      NDArray chunkDecay = logDecay.sum(new int[] {3}).exp(); // (B, D, C, N)

      NDList readoutAndLast =
          intraChunk == IntraChunk.DECAY_MATRIX
              ? byDecayMatrix(manager, logDecay, injection, chunkDecay, cT)
              : byRecurrence(logDecay, injection, chunkDecay, cT);
      NDArray readout =
          readoutAndLast
              .get(0)
              .reshape(batch, channels, (long) chunks * t)
              .get(new NDIndex(":, :, :{}", length)); // (B, D, L)
      y = DiscretizedInputs.output(inputs, readout);
      lastState = readoutAndLast.get(1);
      NDScope.unregister(y, lastState);
    }
    return new ScanResult(y, lastState);
  }

  /**
   * Steps 1 to 4 with the decay matrix: local_t = Σ_{u ≤ t} exp(s_t − s_u) ⊙ injection_u, with t on
   * axis 4 and u on axis 5 of the (B, D, C, N, T, T) decay, then y_t = Σ_n C_t·(exp(s_t) ⊙ h_in +
   * local_t). The exponent is freed at once: neither the subtraction nor the in-place mask saves it
   * for backward.
   *
   * @return the readout (B, D, C, T) and the last state (B, D, N)
   */
  private static NDList byDecayMatrix(
      NDManager manager, NDArray logDecay, NDArray injection, NDArray chunkDecay, NDArray cT) {
    int t = Math.toIntExact(logDecay.getShape().get(3));
    NDArray s = logDecay.cumSum(3); // (B, D, C, T, N)
    NDArray sT = s.transpose(0, 1, 2, 4, 3); // (B, D, C, N, T)
    NDArray exponent = sT.expandDims(5).sub(sT.expandDims(4)); // (B, D, C, N, T, T)
    exponent.addi(causalMask(manager, t).toType(s.getDataType(), false));
    NDArray decay = exponent.exp(); // (B, D, C, N, T, T)
    exponent.close();
    NDArray local =
        decay
            .matMul(injection.transpose(0, 1, 2, 4, 3).expandDims(5))
            .squeeze(5)
            .transpose(0, 1, 2, 4, 3); // (B, D, C, T, N)
    NDList carried = carry(chunkDecay, local.get(new NDIndex(":, :, :, -1"))); // 2. and 3.
    NDArray readout =
        s.exp()
            .mul(carried.get(0).expandDims(3))
            .add(local)
            .mul(cT)
            .sum(new int[] {4}); // (B, D, C, T)
    return new NDList(readout, carried.get(1));
  }

  /**
   * Steps 1 to 4 with the recurrence h_t = exp(Δ_t·A) ⊙ h_{t-1} + injection_t over the T positions
   * of a chunk, all chunks at once: once from zero for the chunk states, then again from the
   * entering states, reading out y_t = Σ_n C_t·h_t at each step.
   *
   * @return the readout (B, D, C, T) and the last state (B, D, N)
   */
  private static NDList byRecurrence(
      NDArray logDecay, NDArray injection, NDArray chunkDecay, NDArray cT) {
    int t = Math.toIntExact(logDecay.getShape().get(3));
    NDList decays = logDecay.exp().split(t, 3); // T × (B, D, C, 1, N)
    NDList injections = injection.split(t, 3); // T × (B, D, C, 1, N)
    NDList readouts = cT.split(t, 3); // T × (B, 1, C, 1, N)

    NDArray local = injections.get(0);
    for (int step = 1; step < t; step++) {
      local = decays.get(step).mul(local).add(injections.get(step)); // (B, D, C, 1, N)
    }
    NDList carried = carry(chunkDecay, local.squeeze(3)); // 2. and 3.

    NDArray h = carried.get(0).expandDims(3); // (B, D, C, 1, N)
    NDList ys = new NDList(t);
    for (int step = 0; step < t; step++) {
      h = decays.get(step).mul(h).add(injections.get(step));
      ys.add(h.mul(readouts.get(step)).sum(new int[] {3, 4})); // (B, D, C)
    }
    return new NDList(NDArrays.stack(ys, 3), carried.get(1)); // (B, D, C, T), (B, D, N)
  }

  /**
   * Steps 2 and 3: the short loop over chunks, h ← exp(s_last) ⊙ h + chunk state.
   *
   * @param chunkDecay the decay over each whole chunk, exp(Σ_t Δ_t·A), (B, D, C, N)
   * @param chunkStates each chunk's own state at its last token, (B, D, C, N)
   * @return the states entering each chunk (B, D, C, N) and the last state (B, D, N)
   */
  private static NDList carry(NDArray chunkDecay, NDArray chunkStates) {
    int chunks = Math.toIntExact(chunkDecay.getShape().get(2));
    NDList decays = chunkDecay.split(chunks, 2); // C × (B, D, 1, N)
    NDList own = chunkStates.split(chunks, 2); // C × (B, D, 1, N)
    NDArray h = own.get(0).zerosLike(); // (B, D, 1, N)
    NDList entering = new NDList(chunks);
    for (int c = 0; c < chunks; c++) {
      entering.add(h.squeeze(2));
      h = decays.get(c).mul(h).add(own.get(c));
    }
    return new NDList(NDArrays.stack(entering, 2), h.squeeze(2));
  }

  /** Pads B_t or C_t, (B, N, L), and lays it out as (B, 1, C, T, N). */
  private static NDArray statesLast(NDArray bc, Shape padding, int chunks, int t) {
    Shape shape = bc.getShape();
    return bc.pad(padding, 0)
        .reshape(shape.get(0), shape.get(1), chunks, t)
        .transpose(0, 2, 3, 1)
        .expandDims(1);
  }

  /** Returns the (T, T) mask that is 0 where u ≤ t and −∞ above the diagonal. */
  private static NDArray causalMask(NDManager manager, int t) {
    float[] mask = new float[t * t];
    for (int row = 0; row < t; row++) {
      for (int col = row + 1; col < t; col++) {
        mask[row * t + col] = Float.NEGATIVE_INFINITY;
      }
    }
    return AutogradSafe.copyOf(manager, mask, new Shape(t, t));
  }
}
