package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AutogradSafeTest {

  private static final float[] X = {-3f, -0.5f, 0f, 0.25f, 2f, 7f};

  /**
   * Returns the gradient of Σ f(x) at {@link #X}, with a collection of unreachable direct memory
   * between forward and backward (where it would hurt).
   */
  private static float[] gradientWithCollection(NDManager manager, Function<NDArray, NDArray> f) {
    NDArray x = manager.create(X);
    x.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray sum = f.apply(x).sum();
      DirectMemory.freeUnreachable();
      collector.backward(sum);
    }
    return x.getGradient().toFloatArray();
  }

  /**
   * The hazard itself, and proof that {@link DirectMemory#freeUnreachable} reaches it: DJL's x·2
   * saves a scalar wrapped around Java memory, freed before backward, so d(Σ 2x)/dx is not 2. If
   * this fails, DJL copies such scalars now and {@link AutogradSafe} may be unnecessary.
   */
  @Test
  void djlsNumberOperandIsFreedBeforeBackward() {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(gradientWithCollection(manager, x -> x.mul(2f))[0]).isNotEqualTo(2f);
    }
  }

  @Test
  void aScalarOperandSurvivesACollectionBeforeBackward() {
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] gradient = gradientWithCollection(manager, x -> x.mul(AutogradSafe.scalar(x, 2)));
      // d(Σ 2x)/dx = 2 everywhere, exactly.
      assertThat(gradient).containsOnly(2f);
    }
  }

  @Test
  void siluHasItsDerivativeThroughACollection() {
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] value = AutogradSafe.silu(manager.create(X)).toFloatArray();
      float[] gradient = gradientWithCollection(manager, AutogradSafe::silu);
      for (int i = 0; i < X.length; i++) {
        // silu(x) = x·σ(x); silu'(x) = σ(x)·(1 + x·(1 − σ(x))), by the product rule and σ' = σ(1 −
        // σ).
        double sigma = 1 / (1 + Math.exp(-X[i]));
        assertThat((double) value[i]).isCloseTo(X[i] * sigma, within(1e-6));
        assertThat((double) gradient[i]).isCloseTo(sigma * (1 + X[i] * (1 - sigma)), within(1e-6));
      }
    }
  }

  @Test
  void copiedFloatsSurviveACollectionBeforeBackward() {
    float[] mask = {1, 0, 0.5f, 0, 1, -2};
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] gradient =
          gradientWithCollection(
              manager, x -> x.mul(AutogradSafe.copyOf(manager, mask, new Shape(mask.length))));
      // d(Σ x ⊙ mask)/dx = mask.
      assertThat(gradient).containsExactly(mask);
    }
  }

  @Test
  void copiedIndicesSurviveACollectionBeforeBackward() {
    long[] index = {4, 0, 4, 5, 4};
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] gradient =
          gradientWithCollection(
              manager,
              x ->
                  x.get(
                      new NDIndex(
                          "{}", AutogradSafe.copyOf(manager, index, new Shape(index.length)))));
      // d(Σ_k x[index_k])/dx_i counts how often i occurs in the index: 0 once, 4 three times, 5
      // once.
      assertThat(gradient).containsExactly(1, 0, 0, 0, 3, 1);
    }
  }

  @Test
  void aScalarTakesTheTypeAndDeviceOfItsArray() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray like = manager.create(new double[] {1, 2});
      NDArray scalar = AutogradSafe.scalar(like, 0.5);
      assertThat(scalar.getShape()).isEqualTo(new Shape());
      assertThat(scalar.getDataType()).isEqualTo(like.getDataType());
      assertThat(scalar.getDevice()).isEqualTo(like.getDevice());
      assertThat(scalar.getDouble()).isEqualTo(0.5);
    }
  }
}
