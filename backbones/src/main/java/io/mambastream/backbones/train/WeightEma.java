package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of a model's weights (Polyak averaging), updated after every
 * optimizer step and swapped into the model for validation and export.
 *
 * <pre>
 * d_t   = min(decay, (1 + t) / (10 + t))      t = optimizer steps taken
 * ema_w = d_t · ema_w + (1 − d_t) · w          computed as (ema_w − w) · d_t + w
 * </pre>
 *
 * <p>The short ramp of {@code d_t} (TensorFlow's {@code ExponentialMovingAverage} with {@code
 * num_updates}) keeps the random initialisation from dominating the first epochs. With decay 0.999
 * the average spans about 1,000 steps (4.6 Fashion-MNIST epochs at batch 256). {@link #none} is the
 * average of a run without one: every method does nothing.
 *
 * <p>The per-step constant is made on the device ({@code full}), not copied there from Java: a copy
 * waits for every queued kernel (see {@link AdamW}).
 */
public final class WeightEma {

  private static final WeightEma NONE = new WeightEma();

  private final Map<String, Parameter> parameters;
  private final Map<String, NDArray> averages = new LinkedHashMap<>();
  private final double decay;

  private WeightEma() {
    this.parameters = Map.of();
    this.decay = 0;
  }

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

  /** Returns the average of a run without one, which does nothing. */
  public static WeightEma none() {
    return NONE;
  }

  /** Returns whether this average exists (false for {@link #none}). */
  public boolean enabled() {
    return decay > 0;
  }

  /** Returns the decay used after {@code steps} optimizer steps. */
  public static double decayAt(double decay, long steps) {
    return Math.min(decay, (1.0 + steps) / (10.0 + steps));
  }

  /** Moves the averages towards the current weights, after optimizer step {@code steps}. */
  public void update(long steps, NDManager scratch) {
    if (!enabled()) {
      return;
    }
    float d = (float) decayAt(decay, steps);
    try (NDManager scope = scratch.newSubManager()) {
      for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
        NDArray weight = entry.getValue().getArray();
        NDArray average = averages.get(entry.getKey());
        scope.tempAttachAll(weight, average);
        NDArray keep = scope.full(new Shape(), d, average.getDataType());
        average.subi(weight).muli(keep).addi(weight);
      }
    }
  }

  /**
   * Puts the averages into the model until the returned swap is closed, which puts the model's own
   * weights back; both exchanges are exact. For {@link #none} both do nothing.
   */
  public Swap swapIn(NDManager scratch) {
    exchange(scratch);
    return () -> exchange(scratch);
  }

  /** The averages in the model, until {@link #close}. */
  @FunctionalInterface
  public interface Swap extends AutoCloseable {
    /** Puts the model's own weights back. */
    @Override
    void close();
  }

  private void exchange(NDManager scratch) {
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

  /** Returns the averages by state-dict name (for a checkpoint; empty for {@link #none}). */
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
