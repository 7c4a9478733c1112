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

  private final int chunkSize;

  /** Creates a chunked scan with the {@link #DEFAULT_CHUNK_SIZE default chunk size}. */
  public ChunkedScan() {
    this(DEFAULT_CHUNK_SIZE);
  }

  /**
   * Creates a chunked scan with chunks of {@code chunkSize} tokens.
   *
   * @throws IllegalArgumentException if {@code chunkSize < 1}
   */
  public ChunkedScan(int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
    }
    this.chunkSize = chunkSize;
  }

  /** Returns the chunk size T. */
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  public String id() {
    return "chunked";
  }

  /** Returns the id and the chunk size, e.g. "chunked(T=16)". */
  @Override
  public String toString() {
    return id() + "(T=" + chunkSize + ")";
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
      NDArray delta = discretized.delta().pad(padding, 0).reshape(batch, channels, chunks, t);
      NDArray deltaX =
          discretized
              .delta()
              .mul(discretized.x())
              .pad(padding, 0)
              .reshape(batch, channels, chunks, t, 1); // (B, D, C, T, 1)
      NDArray bT = chunkedStatesLast(inputs.b(), padding, chunks, t); // (B, 1, C, T, N)
      NDArray cT = chunkedStatesLast(inputs.c(), padding, chunks, t); // (B, 1, C, T, N)
      NDArray s =
          delta
              .expandDims(4)
              .mul(inputs.a().reshape(1, channels, 1, 1, state))
              .cumSum(3); // (B, D, C, T, N)

      // 1. intra-chunk: masked decay exp(s_t − s_u), t on axis 3 and u on axis 4
      NDArray decay =
          s.expandDims(4)
              .sub(s.expandDims(3))
              .add(causalMask(manager, t).toType(s.getDataType(), false))
              .exp(); // (B, D, C, T, T, N)
      NDArray cb = cT.expandDims(4).mul(bT.expandDims(3)); // (B, 1, C, T, T, N)
      NDArray scores = decay.mul(cb).sum(new int[] {5}); // (B, D, C, T, T)
      NDArray yIntra = scores.matMul(deltaX); // (B, D, C, T, 1)

      // 2. chunk states: each chunk's contribution to its own last state
      NDArray sLast = s.get(new NDIndex(":, :, :, -1:, :")); // (B, D, C, 1, N)
      NDArray chunkStates =
          sLast.sub(s).exp().mul(bT).mul(deltaX).sum(new int[] {3}); // (B, D, C, N)

      // 3. inter-chunk recurrence over the states entering each chunk
      NDArray chunkDecay = sLast.squeeze(3).exp(); // (B, D, C, N)
      NDArray h = manager.zeros(new Shape(batch, channels, state), inputs.x().getDataType());
      NDList entering = new NDList(chunks);
      for (int c = 0; c < chunks; c++) {
        entering.add(h);
        NDIndex chunk = new NDIndex(":, :, {}", c);
        h = chunkDecay.get(chunk).mul(h).add(chunkStates.get(chunk)); // (B, D, N)
      }
      NDArray hIn = NDArrays.stack(entering, 2).expandDims(3); // (B, D, C, 1, N)

      // 4. state to output: C_t · exp(s_t) ⊙ h_in
      NDArray yCarry = s.exp().mul(hIn).mul(cT).sum(new int[] {4}); // (B, D, C, T)

      NDArray readout =
          yIntra
              .squeeze(4)
              .add(yCarry)
              .reshape(batch, channels, (long) chunks * t)
              .get(new NDIndex(":, :, :{}", length)); // (B, D, L)
      y = DiscretizedInputs.output(inputs, readout);
      lastState = h;
      NDScope.unregister(y, lastState);
    }
    return new ScanResult(y, lastState);
  }

  /** Pads B_t or C_t, (B, N, L), and lays it out as (B, 1, C, T, N). */
  private static NDArray chunkedStatesLast(NDArray bc, Shape padding, int chunks, int t) {
    Shape shape = bc.getShape();
    return bc.pad(padding, 0)
        .reshape(shape.get(0), shape.get(1), chunks, t)
        .transpose(0, 2, 3, 1)
        .expandDims(1);
  }

  /** Returns the (T, T, 1) mask that is 0 where u ≤ t and −∞ above the diagonal. */
  private static NDArray causalMask(NDManager manager, int t) {
    float[] mask = new float[t * t];
    for (int row = 0; row < t; row++) {
      for (int col = row + 1; col < t; col++) {
        mask[row * t + col] = Float.NEGATIVE_INFINITY;
      }
    }
    return manager.create(mask, new Shape(t, t, 1));
  }
}
