package io.mambastream.backbones.ssm;

/**
 * The fused scan of one channel (b, d) in plain scalar Java: the fallback when vectors are off and
 * the tail of {@link VectorScanKernel}. Three passes over the channel's L positions:
 *
 * <ol>
 *   <li>{@link #discretize}: Δ_t = softplus(delta + bias), the injection Δ_t·x_t, and the kept-mask
 *       (pruned: Δ_t = 0 in {@link MaskMode#CARRY_STATE}, injection 0 in both modes);
 *   <li>{@link #recur}: per state index n, h = exp(Δ_t·A[n])·h + Δ_t·x_t·B_t[n] and the readout Σ_n
 *       C_t[n]·h[n], with h kept in a register over all t (t = 0 .. L − 1, or L − 1 .. 0 for a
 *       reverse scan);
 *   <li>{@link #finish}: y_t = (readout + D·x_t)·silu(z_t), 0 at pruned positions.
 * </ol>
 */
class ScalarScanKernel {

  /** Returns "scalar" or the vector shape, for logs and benchmark notes. */
  String describe() {
    return "scalar";
  }

  /**
   * Scans channel {@code d} of batch element {@code b}: writes y (B, D, L) and the last state (B,
   * D, N) for that channel, using {@code bT}, {@code cT} (B, L, N) and the row buffers; {@code
   * reverse} runs the recurrence from position L − 1 down to 0 (the last state is then the state
   * after position 0).
   */
  final void scanChannel(
      ScanArrays in,
      float[] bT,
      float[] cT,
      int b,
      int d,
      ScanWorkspace.Row row,
      float[] y,
      float[] lastState,
      boolean reverse) {
    discretize(in, b, d, row, 0, in.length());
    java.util.Arrays.fill(row.readout, 0, in.length(), 0f);
    recur(in, bT, cT, b, d, row, lastState, reverse);
    finish(in, b, d, row, y, 0, in.length());
  }

  /** Pass 1 for the positions [from, to); vector kernels override it and call it for the tail. */
  void discretize(ScanArrays in, int b, int d, ScanWorkspace.Row row, int from, int to) {
    int base = (b * in.channels() + d) * in.length();
    int maskBase = b * in.length();
    float bias = in.deltaBias() == null ? 0f : in.deltaBias()[d];
    for (int t = from; t < to; t++) {
      float step = in.delta()[base + t] + bias;
      if (in.deltaSoftplus()) {
        step = softplus(step);
      }
      float injection = step * in.x()[base + t];
      if (in.keptMask() != null && !in.keptMask()[maskBase + t]) {
        injection = 0f;
        if (in.maskMode() == MaskMode.CARRY_STATE) {
          step = 0f;
        }
      }
      row.step[t] = step;
      row.injection[t] = injection;
    }
  }

  /** Pass 2 over all state indices; vector kernels override it and call the range form. */
  void recur(
      ScanArrays in,
      float[] bT,
      float[] cT,
      int b,
      int d,
      ScanWorkspace.Row row,
      float[] lastState,
      boolean reverse) {
    recur(in, bT, cT, b, d, row, lastState, reverse, 0, in.stateSize());
  }

  /** Pass 2 for the state indices [from, to): adds their share of the readout to the row. */
  final void recur(
      ScanArrays in,
      float[] bT,
      float[] cT,
      int b,
      int d,
      ScanWorkspace.Row row,
      float[] lastState,
      boolean reverse,
      int from,
      int to) {
    int n = in.stateSize();
    int length = in.length();
    int projectedBase = b * length * n;
    float[] step = row.step;
    float[] injection = row.injection;
    float[] readout = row.readout;
    for (int s = from; s < to; s++) {
      float a = in.a()[d * n + s];
      float h = 0f;
      int first = reverse ? length - 1 : 0;
      int stride = reverse ? -1 : 1;
      for (int i = 0, t = first, at = projectedBase + first * n + s;
          i < length;
          i++, t += stride, at += stride * n) {
        h = (float) Math.exp(step[t] * a) * h + injection[t] * bT[at];
        readout[t] += cT[at] * h;
      }
      lastState[(b * in.channels() + d) * n + s] = h;
    }
  }

  /** Pass 3 for the positions [from, to): skip, gate and mask into y; vectors override it too. */
  void finish(ScanArrays in, int b, int d, ScanWorkspace.Row row, float[] y, int from, int to) {
    int base = (b * in.channels() + d) * in.length();
    int maskBase = b * in.length();
    float skip = in.d() == null ? 0f : in.d()[d];
    for (int t = from; t < to; t++) {
      float out = row.readout[t] + skip * in.x()[base + t];
      if (in.z() != null) {
        out *= silu(in.z()[base + t]);
      }
      if (in.keptMask() != null && !in.keptMask()[maskBase + t]) {
        out = 0f;
      }
      y[base + t] = out;
    }
  }

  /**
   * softplus(v) = log(1 + e^v) = max(v, 0) + log1p(e^-|v|), which neither overflows nor loses small
   * values; log1p(w) is log(1 + w) in double (Math.log is an intrinsic, log1p is not), w itself
   * where 1 + w would round away the digits that matter in float.
   */
  static float softplus(float v) {
    double w = Math.exp(-Math.abs((double) v));
    return (float) (Math.max(v, 0.0) + (w < 1e-8 ? w : Math.log(1 + w)));
  }

  /** silu(v) = v·sigmoid(v). */
  static float silu(float v) {
    return (float) (v / (1.0 + Math.exp(-(double) v)));
  }
}
