package io.mambastream.backbones.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;

/**
 * The depthwise causal convolution of the Mamba block: each channel is convolved with its own
 * kernel of width K over the current and the K - 1 previous positions only.
 *
 * <p>As in the reference, the sequence is padded by K - 1 on both sides and the first L outputs are
 * kept, so output t sees inputs t - K + 1 .. t.
 */
public final class CausalConv1d {

  private CausalConv1d() {}

  /**
   * Applies the convolution.
   *
   * @param x the sequence, (B, E, L)
   * @param weight one kernel per channel, (E, 1, K)
   * @param bias one bias per channel, (E), or null
   * @return (B, E, L)
   */
  public static NDArray apply(NDArray x, NDArray weight, NDArray bias) {
    long channels = weight.getShape().get(0);
    long kernel = weight.getShape().get(2);
    long length = x.getShape().get(2);
    NDArray padded =
        Conv1d.conv1d(
                x,
                weight,
                bias,
                new Shape(1),
                new Shape(kernel - 1),
                new Shape(1),
                Math.toIntExact(channels))
            .singletonOrThrow(); // (B, E, L + K - 1)
    return padded.get(new NDIndex(":, :, :{}", length)); // (B, E, L)
  }
}
