package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One seeded random selective-scan problem: its shape, which optional inputs it uses, and how a
 * {@link SelectiveScan} runs on it.
 *
 * <p>Values: x, B, C, z ~ N(0, 1); A = −(1..N) per channel times U(0.5, 1.5) (the Mamba init with
 * noise); raw Δ ~ U(0.05, 1) without softplus, N(0, 1) before bias and softplus; D ~ N(0, 1); bias
 * ~ N(0, 0.5); kept-mask 1 with probability 0.7.
 *
 * @param batch B
 * @param channels D
 * @param length L
 * @param state N
 * @param extras whether D, z, Δ bias and softplus are used
 * @param maskMode the kept-mask mode, or null for no mask
 * @param seed the random seed
 */
record ScanCase(
    int batch, int channels, int length, int state, boolean extras, MaskMode maskMode, long seed)
    implements RandomCase<SelectiveScan> {

  @Override
  public ScanCase unmasked() {
    return new ScanCase(batch, channels, length, state, extras, null, seed);
  }

  @Override
  public Map<String, NDArray> arrays(NDManager manager) {
    RandomArrays random = RandomArrays.of(manager, seed);
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    arrays.put("x", random.gaussian(1, batch, channels, length));
    arrays.put(
        "delta",
        extras
            ? random.gaussian(1, batch, channels, length)
            : random.uniform(0.05, 1, batch, channels, length));
    NDArray rates = manager.arange(1f, state + 1f).reshape(1, state); // 1..N
    arrays.put("a", rates.mul(random.uniform(0.5, 1.5, channels, state)).neg());
    arrays.put("b", random.gaussian(1, batch, state, length));
    arrays.put("c", random.gaussian(1, batch, state, length));
    if (extras) {
      arrays.put("d", random.gaussian(1, channels));
      arrays.put("z", random.gaussian(1, batch, channels, length));
      arrays.put("deltaBias", random.gaussian(0.5, channels));
    }
    if (maskMode != null) {
      arrays.put("keptMask", random.bernoulli(0.7, batch, length));
    }
    return arrays;
  }

  /** Builds the scan inputs over {@code arrays} (from {@link #arrays}). */
  ScanInputs inputs(Map<String, NDArray> arrays) {
    ScanInputs.Builder builder =
        ScanInputs.builder()
            .setX(arrays.get("x"))
            .setDelta(arrays.get("delta"))
            .setA(arrays.get("a"))
            .setB(arrays.get("b"))
            .setC(arrays.get("c"));
    if (extras) {
      builder
          .optD(arrays.get("d"))
          .optZ(arrays.get("z"))
          .optDeltaBias(arrays.get("deltaBias"))
          .optDeltaSoftplus(true);
    }
    if (maskMode != null) {
      builder.optKeptMask(arrays.get("keptMask")).optMaskMode(maskMode);
    }
    return builder.build();
  }

  @Override
  public Map<String, NDArray> outputs(SelectiveScan scan, Map<String, NDArray> arrays) {
    ScanResult result = scan.apply(inputs(arrays));
    return Map.of("y", result.y(), "lastState", result.lastState());
  }
}
