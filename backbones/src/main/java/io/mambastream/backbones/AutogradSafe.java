package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Constants and activations for differentiable code whose tensors live in memory that PyTorch owns,
 * so that the autograd graph never refers to memory the Java garbage collector frees.
 *
 * <p>Why. On the CPU, DJL's PyTorch engine wraps Java memory without a copy ({@code from_blob}) for
 * every array made from Java data: {@code manager.create(float[], shape)} and also the 0-d scalar
 * that each {@code NDArray} op with a {@code Number} argument creates and closes at once ({@code
 * mul(2)}, {@code div(2)}, {@code pow}, {@code maximum}, ..., and {@code Activation.swish}, which
 * is {@code sigmoid(x.mul(beta)).mul(x)}). Autograd keeps the tensors backward needs (the scalar of
 * {@code x·c}, the mask of {@code x·mask}, the index of {@code x[idx]}) but not the Java buffer
 * under them: when that buffer is collected between forward and backward, backward reads freed
 * memory (glibc writes its free-list pointers into it) and the gradient is garbage, up to inf and
 * NaN. Whether a collection falls there varies from run to run, so training diverged in some runs
 * of the same seed; on a GPU DJL copies the data to the device and nothing happens.
 *
 * <p>Rule: in code that runs under a {@code GradientCollector}, pass a scalar as {@link #scalar},
 * make arrays from Java data with {@link #copyOf} (unless the array stays open until backward has
 * run, as a training batch does), and gate with {@link #silu}. Adding or subtracting a {@code
 * Number} is safe (autograd saves neither operand), as is any op outside training.
 */
public final class AutogradSafe {

  private AutogradSafe() {}

  /**
   * Returns {@code value} as a 0-d array of {@code like}'s data type and device, allocated by the
   * engine (float precision).
   */
  public static NDArray scalar(NDArray like, double value) {
    return like.getManager()
        .full(new Shape(), (float) value, like.getDataType())
        .toDevice(like.getDevice(), false);
  }

  /** Returns {@code data} as a float32 array of {@code shape} in engine-owned memory. */
  public static NDArray copyOf(NDManager manager, float[] data, Shape shape) {
    try (NDArray wrapped = manager.create(data, shape)) {
      return wrapped.duplicate();
    }
  }

  /** Returns {@code data} as an int64 array of {@code shape} in engine-owned memory. */
  public static NDArray copyOf(NDManager manager, long[] data, Shape shape) {
    try (NDArray wrapped = manager.create(data, shape)) {
      return wrapped.duplicate();
    }
  }

  /** SiLU (swish with β = 1), x·sigmoid(x), without DJL's Java-owned β. */
  public static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }
}
