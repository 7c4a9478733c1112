package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay and state that can be saved and
 * restored exactly, for resumable training. For each parameter w with gradient g, at step t:
 *
 * <pre>
 * m = β1·m + (1 − β1)·g          v = β2·v + (1 − β2)·g²
 * w = w − lr·λ·w   (decayed parameters only)
 * w = w − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)
 * </pre>
 *
 * <p>Weight decay applies to matrices and convolution kernels only: biases, norms, the class token,
 * the position embedding and the SSM's A_log and D are not decayed (as in timm and mamba). The
 * gradients are zeroed after each step (PyTorch accumulates them).
 *
 * <p>Each parameter's update is one call of the engine's fused Adam update ({@code
 * NDArrayEx.adamUpdate}), whose constants stay native: an NDArray op with a Java {@code Number}
 * argument copies that number to the device, and on a GPU each such copy waits for every queued
 * kernel (nine of them per parameter made GPU training launch-bound). The engine's form, w −= lr ·
 * √(1 − β2^t)/(1 − β1^t) · m / (√v + ε'), is the one above with ε' = ε·√(1 − β2^t).
 */
public final class AdamW {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final Map<String, Parameter> parameters;
  private final double weightDecay;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private long step;

  /**
   * An optimizer for the named parameters (initialised, on their device); the moments live in
   * {@code manager}.
   */
  public AdamW(Map<String, Parameter> parameters, double weightDecay, NDManager manager) {
    this.parameters = new LinkedHashMap<>(parameters);
    this.weightDecay = weightDecay;
    parameters.forEach(
        (name, parameter) -> {
          NDArray weight = parameter.getArray();
          firstMoments.put(name, manager.zeros(weight.getShape(), weight.getDataType()));
          secondMoments.put(name, manager.zeros(weight.getShape(), weight.getDataType()));
        });
  }

  /** Returns whether {@code name} (a state-dict name of shape {@code rank} dims) is decayed. */
  public static boolean isDecayed(String name, int rank) {
    if (rank < 2 || name.equals("cls_token") || name.equals("pos_embed")) {
      return false;
    }
    return !name.endsWith("A_log") && !name.endsWith("A_b_log");
  }

  /** Returns the number of steps taken. */
  public long steps() {
    return step;
  }

  /** Applies one update with learning rate {@code lr} from the accumulated gradients. */
  public void step(double lr, NDManager scratch) {
    step++;
    double correction1 = 1 - Math.pow(BETA1, step);
    double correction2 = 1 - Math.pow(BETA2, step);
    float biasCorrectedLr = (float) (lr * Math.sqrt(correction2) / correction1);
    float eps = (float) (EPS * Math.sqrt(correction2));
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      String name = entry.getKey();
      NDArray weight = entry.getValue().getArray();
      try (NDManager scope = scratch.newSubManager()) {
        NDArray gradient = weight.getGradient();
        gradient.attach(scope);
        NDArray m = firstMoments.get(name);
        NDArray v = secondMoments.get(name);
        scope.tempAttachAll(weight, m, v);
        float decay =
            weightDecay > 0 && isDecayed(name, weight.getShape().dimension())
                ? (float) weightDecay
                : 0f;
        weight
            .getNDArrayInternal()
            .adamUpdate(
                new NDList(weight, gradient, m, v),
                new NDList(weight), // its gradient is zeroed
                (float) lr,
                biasCorrectedLr,
                decay,
                1f, // no gradient rescaling
                -1f, // no clipping
                (float) BETA1,
                (float) BETA2,
                eps,
                false,
                true); // decoupled weight decay: w −= lr·λ·w
      }
    }
  }

  /** Returns the moments as {@code m.NAME} and {@code v.NAME} arrays (for a checkpoint). */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    firstMoments.forEach((name, array) -> state.put("m." + name, array));
    secondMoments.forEach((name, array) -> state.put("v." + name, array));
    return state;
  }

  /**
   * Restores the moments from {@link #state} arrays and the step count.
   *
   * @throws IllegalArgumentException if a moment is missing or has another shape
   */
  public void restore(Map<String, NDArray> state, long steps) {
    SavedArrays.copyInto(state(), state, "optimizer state");
    this.step = steps;
  }
}
