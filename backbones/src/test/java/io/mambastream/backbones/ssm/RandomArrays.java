package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Seeded random float32 arrays, drawn by {@link java.util.Random} (not the engine), so a seed gives
 * the same arrays on every engine and platform.
 *
 * @param manager where the arrays are created
 * @param random the source of randomness
 */
record RandomArrays(NDManager manager, Random random) {

  /** Returns arrays from a new {@code Random(seed)}. */
  static RandomArrays of(NDManager manager, long seed) {
    return new RandomArrays(manager, new Random(seed));
  }

  /** Returns N(0, std²) values. */
  NDArray gaussian(double std, long... shape) {
    float[] values = new float[size(shape)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * std);
    }
    return manager.create(values, new Shape(shape));
  }

  /** Returns U(low, high) values. */
  NDArray uniform(double low, double high, long... shape) {
    float[] values = new float[size(shape)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (low + (high - low) * random.nextDouble());
    }
    return manager.create(values, new Shape(shape));
  }

  /** Returns 1 with probability {@code p}, else 0. */
  NDArray bernoulli(double p, long... shape) {
    float[] values = new float[size(shape)];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() < p ? 1 : 0;
    }
    return manager.create(values, new Shape(shape));
  }

  private static int size(long... shape) {
    return Math.toIntExact(new Shape(shape).size());
  }
}
