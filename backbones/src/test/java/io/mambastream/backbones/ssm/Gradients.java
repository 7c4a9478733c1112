package io.mambastream.backbones.ssm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Runs a function of named arrays forward and backward through DJL's autograd. */
final class Gradients {

  private Gradients() {}

  /**
   * Runs {@code forward} on {@code inputs} and back-propagates the loss Σ_k Σ output_k ⊙ w_k, with
   * fixed random weights w_k ~ N(0, 1) drawn from {@code seed}, so that every element of every
   * output reaches the gradients.
   *
   * @param inputs named inputs; all but {@code constants} get gradients
   * @param constants names of inputs without gradients (masks)
   * @param forward the function under test, returning named outputs
   * @param seed the seed of the loss weights
   * @return the outputs, and "grad " + name for the gradient of every differentiable input
   */
  static Map<String, NDArray> run(
      Map<String, NDArray> inputs,
      Set<String> constants,
      Function<Map<String, NDArray>, Map<String, NDArray>> forward,
      long seed) {
    return run(inputs, constants, forward, seed, () -> {});
  }

  /** As {@link #run(Map, Set, Function, long)}, running {@code beforeBackward} after forward. */
  static Map<String, NDArray> run(
      Map<String, NDArray> inputs,
      Set<String> constants,
      Function<Map<String, NDArray>, Map<String, NDArray>> forward,
      long seed,
      Runnable beforeBackward) {
    inputs.forEach(
        (name, array) -> {
          if (!constants.contains(name)) {
            array.setRequiresGradient(true);
          }
        });
    Map<String, NDArray> values = new LinkedHashMap<>();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      Map<String, NDArray> outputs = forward.apply(inputs);
      RandomArrays weights = RandomArrays.of(inputs.values().iterator().next().getManager(), seed);
      NDArray loss = null;
      for (Map.Entry<String, NDArray> output : new TreeMap<>(outputs).entrySet()) {
        NDArray array = output.getValue();
        NDArray term = array.mul(weights.gaussian(1, array.getShape().getShape())).sum();
        loss = loss == null ? term : loss.add(term);
        values.put(output.getKey(), array);
      }
      beforeBackward.run();
      collector.backward(loss);
    }
    inputs.forEach(
        (name, array) -> {
          if (!constants.contains(name)) {
            values.put("grad " + name, array.getGradient());
          }
        });
    return values;
  }
}
