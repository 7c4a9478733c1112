package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of a model's weights (Polyak averaging), updated after every
 * optimizer step and swapped into the model for validation and export.
 *
 * <pre>
 * d_t   = min(decay, (1 + t) / (10 + t))      t = optimizer steps taken
 * ema_w = d_t · ema_w + (1 − d_t) · w
 * </pre>
 *
 * <p>The short ramp of {@code d_t} (TensorFlow's {@code ExponentialMovingAverage} with {@code
 * num_updates}) keeps the random initialisation from dominating the first epochs. With decay 0.999
 * the average spans about 1,000 steps (4.6 Fashion-MNIST epochs at batch 256).
 *
 * <p>The two per-step constants travel to the device once per step as 0-d arrays, not once per
 * parameter: an op with a Java {@code Number} argument copies it to the device and waits there (see
 * {@link AdamW}).
 */
public final class WeightEma {

  private final Map<String, Parameter> parameters;
  private final Map<String, NDArray> averages = new LinkedHashMap<>();
  private final double decay;

  /**
   * An average of the named parameters (initialised), starting at their current values; the
   * averages live in {@code manager}.
   */
  public WeightEma(Map<String, Parameter> parameters, double decay, NDManager manager) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
    }
    this.parameters = new LinkedHashMap<>(parameters);
    this.decay = decay;
    parameters.forEach(
        (name, parameter) -> {
          NDArray copy = parameter.getArray().duplicate();
          copy.attach(manager);
          averages.put(name, copy);
        });
  }

  /** Returns the decay used after {@code steps} optimizer steps. */
  public static double decayAt(double decay, long steps) {
    return Math.min(decay, (1.0 + steps) / (10.0 + steps));
  }

  /** Moves the averages towards the current weights, after optimizer step {@code steps}. */
  public void update(long steps, NDManager scratch) {
    double d = decayAt(decay, steps);
    try (NDManager scope = scratch.newSubManager()) {
      NDArray keep = scope.create((float) d);
      NDArray take = scope.create((float) (1 - d));
      for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
        NDArray weight = entry.getValue().getArray();
        NDArray average = averages.get(entry.getKey());
        scope.tempAttachAll(weight, average);
        average.muli(keep).addi(weight.mul(take));
      }
    }
  }

  /**
   * Exchanges the model's weights and the averages, exactly; calling it twice restores both. The
   * model then holds the averaged weights (for validation and {@code best/}), until swapped back.
   */
  public void swap(NDManager scratch) {
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      NDArray weight = entry.getValue().getArray();
      NDArray average = averages.get(entry.getKey());
      try (NDManager scope = scratch.newSubManager()) {
        scope.tempAttachAll(weight, average);
        NDArray held = weight.duplicate();
        average.copyTo(weight);
        held.copyTo(average);
      }
    }
  }

  /** Returns the averages by state-dict name (for a checkpoint). */
  public Map<String, NDArray> state() {
    return new LinkedHashMap<>(averages);
  }

  /**
   * Restores the averages from {@link #state} arrays.
   *
   * @throws IllegalArgumentException if an average is missing or has another shape
   */
  public void restore(Map<String, NDArray> state) {
    SavedArrays.copyInto(averages, state, "EMA state");
  }
}
