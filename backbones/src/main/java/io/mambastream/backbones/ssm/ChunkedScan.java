package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The chunked selective scan: a differentiable NDArray form for training that issues a few tensor
 * ops per chunk of T tokens instead of per token.
 *
 * <p>The sequence is cut into C = ⌈L / T⌉ chunks (the tail is padded with Δ = 0, which carries the
 * state unchanged and injects nothing). Inside a chunk, with s_t = Σ_{k ≤ t} Δ_k·A (a cumulative
 * sum per channel and state), the state at t is
 *
 * <pre>
 * h_t = exp(s_t) ⊙ h_in + Σ_{u ≤ t} exp(s_t − s_u) ⊙ Δ_u·B_u·x_u
 * </pre>
 *
 * <p>where h_in is the state entering the chunk. The algorithm, all chunks at once:
 *
 * <ol>
 *   <li>Intra-chunk: the masked T×T decay matrix exp(s_t − s_u) (u ≤ t, −∞ above the diagonal
 *       before the exp, so nothing overflows and exp(−s) is never formed), times C_t·B_u, summed
 *       over the state, then a batched matrix product with Δ·x.
 *   <li>Chunk states: each chunk's own contribution to its last state, Σ_u exp(s_last − s_u) ⊙
 *       Δ_u·B_u·x_u.
 *   <li>Inter-chunk: a short loop over the C chunks carries the (B, D, N) state, h ← exp(s_last) ⊙
 *       h + chunk state.
 *   <li>State to output: C_t · exp(s_t) ⊙ h_in added to the intra-chunk output.
 * </ol>
 *
 * <p>Trade-off of the chunk size T: Mamba-1 decays per (channel, state), so step 1 builds and keeps
 * for the backward pass B·D·L·T·N-sized tensors (memory and flops grow with T), while the number of
 * tensor ops is about 30 + 4·⌈L / T⌉ (launch overhead shrinks with T). {@link #DEFAULT_CHUNK_SIZE}
 * is the measured CPU sweet spot for Vim shapes (D = 384, N = 16, L = 197 and 1025); see the
 * project report for the numbers. Every L works, L = 1 and L not a multiple of T included; T is
 * capped at L.
 */
public final class ChunkedScan implements SelectiveScan {

  /** The default chunk size T. */
  public static final int DEFAULT_CHUNK_SIZE = 16;

  /** How step 1 computes the state each chunk builds from its own tokens. */
  public enum IntraChunk {
    /**
     * The masked T×T decay matrix exp(s_t − s_u), one batched matrix product: no loop at all, but
     * B·D·L·T·N memory and flops.
     */
    DECAY_MATRIX,
    /**
     * The recurrence over the T positions of a chunk, all chunks at once: T steps on (B, D, C, N)
     * slices, B·D·L·N memory and flops, about 2·T + 2·C tensor ops in all.
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
      NDArray s = logDecay.cumSum(3); // (B, D, C, T, N)
      NDArray injection = deltaX.mul(bT); // (B, D, C, T, N)

      // 1. intra-chunk: the state each chunk builds from its own tokens, from zero
      NDArray local =
          intraChunk == IntraChunk.DECAY_MATRIX
              ? localByDecayMatrix(manager, s, injection, t)
              : localByRecurrence(logDecay, injection, t); // (B, D, C, T, N)

      // 2. chunk states: the local state at each chunk's last token
      NDArray chunkStates = local.get(new NDIndex(":, :, :, -1")); // (B, D, C, N)

      // 3. inter-chunk recurrence over the states entering each chunk
      NDList chunkDecays = s.get(new NDIndex(":, :, :, -1")).exp().split(chunks, 2);
      NDList ownStates = chunkStates.split(chunks, 2); // C × (B, D, 1, N)
      NDArray h = ownStates.get(0).zerosLike(); // (B, D, 1, N)
      NDList entering = new NDList(chunks);
      for (int c = 0; c < chunks; c++) {
        entering.add(h.squeeze(2));
        h = chunkDecays.get(c).mul(h).add(ownStates.get(c)); // (B, D, 1, N)
      }
      NDArray hIn = NDArrays.stack(entering, 2).expandDims(3); // (B, D, C, 1, N)

      // 4. state to output: y_t = Σ_n C_t[n]·(exp(s_t)·h_in + local_t)
      NDArray readout =
          s.exp()
              .mul(hIn)
              .add(local)
              .mul(cT)
              .sum(new int[] {4})
              .reshape(batch, channels, (long) chunks * t)
              .get(new NDIndex(":, :, :{}", length)); // (B, D, L)
      y = DiscretizedInputs.output(inputs, readout);
      lastState = h.squeeze(2);
      NDScope.unregister(y, lastState);
    }
    return new ScanResult(y, lastState);
  }

  /**
   * The local states by the decay matrix: local_t = Σ_{u ≤ t} exp(s_t − s_u) ⊙ injection_u, with t
   * on axis 4 and u on axis 5 of the (B, D, C, N, T, T) decay. The exponent is freed at once:
   * neither the subtraction nor the in-place mask saves it for backward.
   */
  private static NDArray localByDecayMatrix(
      NDManager manager, NDArray s, NDArray injection, int t) {
    NDArray sT = s.transpose(0, 1, 2, 4, 3); // (B, D, C, N, T)
    NDArray exponent = sT.expandDims(5).sub(sT.expandDims(4)); // (B, D, C, N, T, T)
    exponent.addi(causalMask(manager, t).toType(s.getDataType(), false));
    NDArray decay = exponent.exp(); // (B, D, C, N, T, T)
    exponent.close();
    return decay
        .matMul(injection.transpose(0, 1, 2, 4, 3).expandDims(5))
        .squeeze(5)
        .transpose(0, 1, 2, 4, 3); // (B, D, C, T, N)
  }

  /**
   * The local states by the recurrence local_t = exp(Δ_t·A) ⊙ local_{t-1} + injection_t, one step
   * per position inside a chunk for all chunks at once: T steps on (B, D, C, N) slices.
   */
  private static NDArray localByRecurrence(NDArray logDecay, NDArray injection, int t) {
    if (t == 1) {
      return injection; // (NDArrays.concat of one array returns a copy detached from autograd)
    }
    NDList decays = logDecay.exp().split(t, 3); // T × (B, D, C, 1, N)
    NDList injections = injection.split(t, 3); // T × (B, D, C, 1, N)
    NDList locals = new NDList(t);
    NDArray local = injections.get(0);
    locals.add(local);
    for (int step = 1; step < t; step++) {
      local = decays.get(step).mul(local).add(injections.get(step));
      locals.add(local);
    }
    return NDArrays.concat(locals, 3); // (B, D, C, T, N)
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
    return manager.create(mask, new Shape(t, t));
  }
}
