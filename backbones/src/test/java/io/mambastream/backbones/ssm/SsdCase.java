package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One seeded random SSD problem: its shape, which optional inputs it uses, and how an {@link
 * SsdScan} runs on it.
 *
 * <p>Values: x, B, C ~ N(0, 1); A ~ −U(0.5, 8) per head; raw Δ ~ U(0.05, 1) without softplus, N(0,
 * 1) before bias and softplus; D ~ N(0, 1); bias ~ N(0, 0.5); kept-mask 1 with probability 0.7.
 *
 * @param batch B
 * @param length L
 * @param heads H
 * @param headDim P
 * @param groups G, or 0 for B and C given as (B, L, N)
 * @param state N
 * @param extras whether D, Δ bias and softplus are used
 * @param maskMode the kept-mask mode, or null for no mask
 * @param seed the random seed
 */
record SsdCase(
    int batch,
    int length,
    int heads,
    int headDim,
    int groups,
    int state,
    boolean extras,
    MaskMode maskMode,
    long seed)
    implements RandomCase<SsdScan> {

  @Override
  public SsdCase unmasked() {
    return new SsdCase(batch, length, heads, headDim, groups, state, extras, null, seed);
  }

  @Override
  public Map<String, NDArray> arrays(NDManager manager) {
    RandomArrays random = RandomArrays.of(manager, seed);
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    arrays.put("x", random.gaussian(1, batch, length, heads, headDim));
    arrays.put(
        "dt",
        extras
            ? random.gaussian(1, batch, length, heads)
            : random.uniform(0.05, 1, batch, length, heads));
    arrays.put("a", random.uniform(-8, -0.5, heads));
    long[] bcShape =
        groups == 0 ? new long[] {batch, length, state} : new long[] {batch, length, groups, state};
    arrays.put("b", random.gaussian(1, bcShape));
    arrays.put("c", random.gaussian(1, bcShape));
    if (extras) {
      arrays.put("d", random.gaussian(1, heads));
      arrays.put("dtBias", random.gaussian(0.5, heads));
    }
    if (maskMode != null) {
      arrays.put("keptMask", random.bernoulli(0.7, batch, length));
    }
    return arrays;
  }

  /** Builds the SSD inputs over {@code arrays} (from {@link #arrays}). */
  SsdInputs inputs(Map<String, NDArray> arrays) {
    SsdInputs.Builder builder =
        SsdInputs.builder()
            .setX(arrays.get("x"))
            .setDt(arrays.get("dt"))
            .setA(arrays.get("a"))
            .setB(arrays.get("b"))
            .setC(arrays.get("c"));
    if (extras) {
      builder.optD(arrays.get("d")).optDtBias(arrays.get("dtBias")).optDtSoftplus(true);
    }
    if (maskMode != null) {
      builder.optKeptMask(arrays.get("keptMask")).optMaskMode(maskMode);
    }
    return builder.build();
  }

  @Override
  public Map<String, NDArray> outputs(SsdScan scan, Map<String, NDArray> arrays) {
    SsdResult result = scan.apply(inputs(arrays));
    return Map.of("y", result.y(), "lastState", result.lastState());
  }
}
