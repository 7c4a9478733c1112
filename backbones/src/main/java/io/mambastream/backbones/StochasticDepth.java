package io.mambastream.backbones;

/**
 * A backbone whose residual branches can be dropped per sample in training (stochastic depth, see
 * {@link DropPath}), at rates rising linearly with depth from 0 to a maximum.
 */
public interface StochasticDepth {

  /**
   * Sets the largest drop rate, that of the last layer (0, the default, turns it off); layer j of n
   * drops at {@code maxRate · j / (n − 1)} (a single layer at {@code maxRate}). Inference ignores
   * it.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ maxRate < 1}
   */
  void setDropPath(double maxRate);
}
