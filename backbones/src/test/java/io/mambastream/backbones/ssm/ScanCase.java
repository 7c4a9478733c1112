package io.mambastream.backbones.ssm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One seeded random selective-scan problem: its shape, which optional inputs it uses, and how to
 * run a scan on it with gradients.
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
    int batch, int channels, int length, int state, boolean extras, MaskMode maskMode, long seed) {

  /** Returns the case without any mask. */
  ScanCase unmasked() {
    return new ScanCase(batch, channels, length, state, extras, null, seed);
  }

  /** Creates the named input arrays in {@code manager}; the same seed gives the same arrays. */
  Map<String, NDArray> arrays(NDManager manager) {
    Random random = new Random(seed);
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    arrays.put("x", gaussian(manager, random, 1, batch, channels, length));
    if (extras) {
      arrays.put("delta", gaussian(manager, random, 1, batch, channels, length));
    } else {
      arrays.put("delta", uniform(manager, random, 0.05, 1, batch, channels, length));
    }
    float[] a = new float[channels * state];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (-(i % state + 1) * (0.5 + random.nextDouble()));
    }
    arrays.put("a", manager.create(a, new Shape(channels, state)));
    arrays.put("b", gaussian(manager, random, 1, batch, state, length));
    arrays.put("c", gaussian(manager, random, 1, batch, state, length));
    if (extras) {
      arrays.put("d", gaussian(manager, random, 1, channels));
      arrays.put("z", gaussian(manager, random, 1, batch, channels, length));
      arrays.put("deltaBias", gaussian(manager, random, 0.5, channels));
    }
    if (maskMode != null) {
      float[] kept = new float[batch * length];
      for (int i = 0; i < kept.length; i++) {
        kept[i] = random.nextDouble() < 0.7 ? 1 : 0;
      }
      arrays.put("keptMask", manager.create(kept, new Shape(batch, length)));
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

  /** Runs {@code scan} forward only: values "y" and "lastState". */
  Map<String, NDArray> forward(SelectiveScan scan, NDManager manager) {
    ScanResult result = scan.apply(inputs(arrays(manager)));
    return Map.of("y", result.y(), "lastState", result.lastState());
  }

  /**
   * Runs {@code scan} forward and backward on the loss Σ y·w + Σ lastState·v, with fixed random
   * weights w and v: values "y", "lastState" and "grad " + the name of every float input.
   */
  Map<String, NDArray> withGradients(SelectiveScan scan, NDManager manager) {
    Map<String, NDArray> arrays = arrays(manager);
    arrays.forEach(
        (name, array) -> {
          if (!name.equals("keptMask")) {
            array.setRequiresGradient(true);
          }
        });
    Random random = new Random(seed + 1);
    NDArray w = gaussian(manager, random, 1, batch, channels, length);
    NDArray v = gaussian(manager, random, 1, batch, channels, state);
    Map<String, NDArray> values = new LinkedHashMap<>();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      ScanResult result = scan.apply(inputs(arrays));
      values.put("y", result.y());
      values.put("lastState", result.lastState());
      collector.backward(result.y().mul(w).sum().add(result.lastState().mul(v).sum()));
    }
    arrays.forEach(
        (name, array) -> {
          if (!name.equals("keptMask")) {
            values.put("grad " + name, array.getGradient());
          }
        });
    return values;
  }

  private static NDArray gaussian(NDManager manager, Random random, double std, long... shape) {
    Shape s = new Shape(shape);
    float[] values = new float[Math.toIntExact(s.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * std);
    }
    return manager.create(values, s);
  }

  private static NDArray uniform(
      NDManager manager, Random random, double low, double high, long... shape) {
    Shape s = new Shape(shape);
    float[] values = new float[Math.toIntExact(s.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (low + (high - low) * random.nextDouble());
    }
    return manager.create(values, s);
  }
}
