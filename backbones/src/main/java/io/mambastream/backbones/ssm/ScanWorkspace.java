package io.mambastream.backbones.ssm;

import jdk.incubator.vector.FloatVector;

/**
 * Every buffer {@link FusedScan} needs, allocated once for a shape bound and reused across calls,
 * so that a scan allocates nothing.
 *
 * <p>B_t and C_t are read one position at a time (N values), so the scan first transposes them from
 * (B, N, L) into (B, L, N) here; each worker thread owns one {@link Row} of per-channel buffers.
 */
public final class ScanWorkspace {
  /** Positions per tile of precomputed decays: a tile of the widest vectors stays in L1. */
  static final int TILE = 128;

  private final int maxBatch;
  private final int maxLength;
  private final int maxStateSize;
  final float[] bT; // (B, L, N): B_t transposed so that one position's N values are contiguous
  final float[] cT; // (B, L, N): C_t transposed likewise
  final Row[] rows; // one per worker thread

  private ScanWorkspace(int maxBatch, int maxLength, int maxStateSize, int threads) {
    this.maxBatch = maxBatch;
    this.maxLength = maxLength;
    this.maxStateSize = maxStateSize;
    int projected = Math.multiplyExact(Math.multiplyExact(maxBatch, maxLength), maxStateSize);
    this.bT = new float[projected];
    this.cT = new float[projected];
    this.rows = new Row[threads];
    for (int i = 0; i < threads; i++) {
      rows[i] = new Row(maxLength);
    }
  }

  /**
   * Allocates buffers for scans of at most this batch, length and state size on this many threads.
   */
  public static ScanWorkspace allocate(int maxBatch, int maxLength, int maxStateSize, int threads) {
    if (maxBatch < 1 || maxLength < 1 || maxStateSize < 1 || threads < 1) {
      throw new IllegalArgumentException("workspace bounds and threads must be positive");
    }
    return new ScanWorkspace(maxBatch, maxLength, maxStateSize, threads);
  }

  /** Returns whether this workspace is big enough for {@code inputs} on {@code threads} threads. */
  public boolean fits(ScanArrays inputs, int threads) {
    return inputs.batch() <= maxBatch
        && inputs.length() <= maxLength
        && inputs.stateSize() <= maxStateSize
        && threads <= rows.length;
  }

  /** The per-channel buffers of one worker thread, each of length L. */
  static final class Row {
    final float[] step; // (L): Δ after bias, softplus and mask
    final float[] injection; // (L): Δ·x, 0 at pruned positions
    final float[] readout; // (L): Σ_n C_t[n]·h_t[n]
    final float[] decay; // (TILE, lanes): exp(Δ_t·A[n]) for one tile and one vector of n
    final float[] parked; // (lanes): h between tiles

    Row(int length) {
      this.step = new float[length];
      this.injection = new float[length];
      this.readout = new float[length];
      this.decay = new float[TILE * FloatVector.SPECIES_MAX.length()];
      this.parked = new float[FloatVector.SPECIES_MAX.length()];
    }
  }
}
