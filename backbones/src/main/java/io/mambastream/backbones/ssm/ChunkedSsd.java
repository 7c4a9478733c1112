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
 * The chunked SSD scan (Mamba-2 "minimal SSD"): differentiable, a few tensor ops per chunk of T
 * tokens, and matrix products instead of a per-token loop.
 *
 * <p>The sequence is cut into C = ⌈L / T⌉ chunks (the tail padded with Δ = 0). With a_t = Δ_t·A per
 * head and the segment sum segsum(a)[t, u] = a_{u+1} + … + a_t (u ≤ t, −∞ above the diagonal):
 *
 * <ol>
 *   <li>Diagonal blocks: y = ((C·Bᵀ) ⊙ exp(segsum(a))) · (Δ·x), per chunk and head.
 *   <li>Chunk states: each chunk's contribution to its last state, (Δ·x)ᵀ · (exp(s_last − s) ⊙ B),
 *       with s the cumulative sum of a inside the chunk.
 *   <li>Inter-chunk recurrence: a short loop over the C chunk states, h ← exp(s_last)·h + state.
 *   <li>State to output: C_t · h_in · exp(s_t) added to the diagonal blocks.
 * </ol>
 *
 * <p>Because the decay is a scalar per head, the decay matrices are only B·H·L·T in size (Mamba-1's
 * are B·D·L·T·N, see {@link ChunkedScan}); the segment sum is taken by a cumulative sum over a
 * masked copy, so no difference of large cumulative sums loses precision. Every L works; T is
 * capped at L.
 */
public final class ChunkedSsd implements SsdScan {

  /** The default chunk size T. */
  public static final int DEFAULT_CHUNK_SIZE = 64;

  private final int chunkSize;

  /** Creates a chunked SSD scan with the {@link #DEFAULT_CHUNK_SIZE default chunk size}. */
  public ChunkedSsd() {
    this(DEFAULT_CHUNK_SIZE);
  }

  /**
   * Creates a chunked SSD scan with chunks of {@code chunkSize} tokens.
   *
   * @throws IllegalArgumentException if {@code chunkSize < 1}
   */
  public ChunkedSsd(int chunkSize) {
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
    return "ssd-chunked";
  }

  /** Returns the id and the chunk size, e.g. "ssd-chunked(T=64)". */
  @Override
  public String toString() {
    return id() + "(T=" + chunkSize + ")";
  }

  @Override
  public SsdResult apply(SsdInputs inputs) {
    NDArray y;
    NDArray lastState;
    // Intermediates are closed with the scope (autograd keeps what backward needs).
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDManager manager = inputs.x().getManager();
      int batch = inputs.batch();
      int length = inputs.length();
      int heads = inputs.heads();
      int t = Math.min(chunkSize, length);
      int chunks = (length + t - 1) / t;
      long padded = (long) chunks * t;
      long padding = padded - length;

      DiscretizedSsd discretized = DiscretizedSsd.of(inputs);
      NDArray dt = discretized.dt(); // (B, L, H)
      NDArray a =
          dt.mul(inputs.a().reshape(1, 1, heads))
              .pad(new Shape(0, 0, 0, padding), 0)
              .reshape(batch, chunks, t, heads)
              .transpose(0, 3, 1, 2); // (B, H, C, T)
      NDArray xdt = chunked(discretized.x().mul(dt.expandDims(3)), chunks, t); // (B, H, C, T, P)
      NDArray bh = chunked(inputs.bPerHead(), chunks, t); // (B, H, C, T, N)
      NDArray ch = chunked(inputs.cPerHead(), chunks, t); // (B, H, C, T, N)
      NDArray s = a.cumSum(3); // (B, H, C, T)

      // 1. diagonal blocks
      NDArray scores = ch.matMul(bh.transpose(0, 1, 2, 4, 3)); // (B, H, C, T, T)
      NDArray yDiag = scores.mul(decayMatrix(manager, a, t)).matMul(xdt); // (B, H, C, T, P)

      // 2. chunk states
      NDArray sLast = s.get(new NDIndex(":, :, :, -1:")); // (B, H, C, 1)
      NDArray decayToEnd = sLast.sub(s).exp().expandDims(4); // (B, H, C, T, 1)
      NDArray chunkStates = xdt.transpose(0, 1, 2, 4, 3).matMul(bh.mul(decayToEnd)); // (B,H,C,P,N)

      // 3. inter-chunk recurrence over the states entering each chunk
      NDList chunkDecays = sLast.exp().expandDims(4).split(chunks, 2); // C × (B, H, 1, 1, 1)
      NDList ownStates = chunkStates.split(chunks, 2); // C × (B, H, 1, P, N)
      NDArray h = ownStates.get(0).zerosLike(); // (B, H, 1, P, N)
      NDList entering = new NDList(chunks);
      for (int c = 0; c < chunks; c++) {
        entering.add(h.squeeze(2));
        h = chunkDecays.get(c).mul(h).add(ownStates.get(c)); // (B, H, 1, P, N)
      }
      NDArray hIn = NDArrays.stack(entering, 2); // (B, H, C, P, N)

      // 4. state to output
      NDArray yOff =
          ch.matMul(hIn.transpose(0, 1, 2, 4, 3)).mul(s.exp().expandDims(4)); // (B, H, C, T, P)

      NDArray readout =
          yDiag
              .add(yOff)
              .transpose(0, 2, 3, 1, 4)
              .reshape(batch, padded, heads, inputs.headDim())
              .get(new NDIndex(":, :{}", length)); // (B, L, H, P)
      y = DiscretizedSsd.output(inputs, readout);
      lastState = h.squeeze(2);
      NDScope.unregister(y, lastState);
    }
    return new SsdResult(y, lastState);
  }

  /** Pads (B, L, H, K) along L and lays it out as (B, H, C, T, K). */
  private static NDArray chunked(NDArray array, int chunks, int t) {
    Shape shape = array.getShape();
    long padding = (long) chunks * t - shape.get(1);
    return array
        .pad(new Shape(0, 0, 0, 0, 0, padding), 0)
        .reshape(shape.get(0), chunks, t, shape.get(2), shape.get(3))
        .transpose(0, 3, 1, 2, 4);
  }

  /**
   * Returns exp(segsum(a)), (…, T, T): entry [t, u] = exp(a_{u+1} + … + a_t) for u ≤ t, 0 above the
   * diagonal. The sum is a cumulative sum over a copy of a masked to k > u, not a difference.
   */
  private static NDArray decayMatrix(NDManager manager, NDArray a, int t) {
    float[] below = new float[t * t]; // 1 where k > u
    float[] above = new float[t * t]; // −∞ where t < u
    for (int row = 0; row < t; row++) {
      for (int col = 0; col < t; col++) {
        below[row * t + col] = row > col ? 1 : 0;
        above[row * t + col] = row < col ? Float.NEGATIVE_INFINITY : 0;
      }
    }
    Shape square = new Shape(t, t);
    Shape shape = a.getShape().add(t); // (…, T, T)
    return a.expandDims(-1)
        .broadcast(shape)
        .mul(AutogradSafe.copyOf(manager, below, square).toType(a.getDataType(), false))
        .cumSum(shape.dimension() - 2)
        .add(AutogradSafe.copyOf(manager, above, square).toType(a.getDataType(), false))
        .exp();
  }
}
