package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference scan on cases small enough to work by hand: B = D = N = 1, L = 3, A = -1, Δ = 1,
 * B_t = C_t = 1, x = (1, 2, 3), so the decay per step is e^-1 and h_t = e^-1·h_{t-1} + x_t.
 */
class SequentialScanTest {
  private static final double E1 = Math.exp(-1);

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private ScanInputs.Builder unitCase() {
    return ScanInputs.builder()
        .setX(manager.create(new float[] {1, 2, 3}, new Shape(1, 1, 3)))
        .setDelta(manager.ones(new Shape(1, 1, 3)))
        .setA(manager.create(new float[] {-1}, new Shape(1, 1)))
        .setB(manager.ones(new Shape(1, 1, 3)))
        .setC(manager.ones(new Shape(1, 1, 3)));
  }

  private static void assertOutput(NDArray y, double... expected) {
    float[] actual = y.toFloatArray();
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("y[%d]", i).isCloseTo(expected[i], within(1e-6));
    }
  }

  @Test
  void followsTheRecurrence() {
    double h0 = 1;
    double h1 = E1 * h0 + 2;
    double h2 = E1 * h1 + 3;
    ScanResult result = new SequentialScan().apply(unitCase().build());
    assertOutput(result.y(), h0, h1, h2);
    assertOutput(result.lastState(), h2);
  }

  @Test
  void addsTheSkipAndAppliesTheGate() {
    // D = 0.5 adds 0.5·x; z = 0 gates by silu(0) = 0, z = 2 by 2·sigmoid(2).
    double silu2 = 2 / (1 + Math.exp(-2));
    ScanInputs inputs =
        unitCase()
            .optD(manager.create(new float[] {0.5f}))
            .optZ(manager.create(new float[] {0, 2, 2}, new Shape(1, 1, 3)))
            .build();
    double h1 = E1 + 2;
    double h2 = E1 * h1 + 3;
    assertOutput(new SequentialScan().apply(inputs).y(), 0, (h1 + 1) * silu2, (h2 + 1.5) * silu2);
  }

  @Test
  void softplusAndBiasShapeTheStep() {
    // raw Δ = 0 with bias ln(e - 1) gives softplus(ln(e - 1)) = ln(e) = 1: the unit case again.
    float bias = (float) Math.log(Math.E - 1);
    ScanInputs inputs =
        unitCase()
            .setDelta(manager.zeros(new Shape(1, 1, 3)))
            .optDeltaBias(manager.create(new float[] {bias}))
            .optDeltaSoftplus(true)
            .build();
    assertOutput(new SequentialScan().apply(inputs).y(), 1, E1 + 2, E1 * (E1 + 2) + 3);
  }

  @Test
  void prunedPositionCarriesTheState() {
    ScanInputs inputs =
        unitCase().optKeptMask(manager.create(new float[] {1, 0, 1}, new Shape(1, 3))).build();
    // t = 1 is pruned: h stays 1 and y is 0; then h = e^-1·1 + 3.
    assertOutput(new SequentialScan().apply(inputs).y(), 1, 0, E1 + 3);
  }

  @Test
  void prunedPositionOnlyDecaysInDecayOnlyMode() {
    ScanInputs inputs =
        unitCase()
            .optKeptMask(manager.create(new float[] {1, 0, 1}, new Shape(1, 3)))
            .optMaskMode(MaskMode.DECAY_ONLY)
            .build();
    // t = 1 is pruned: h decays to e^-1 and y is 0; then h = e^-2 + 3.
    assertOutput(new SequentialScan().apply(inputs).y(), 1, 0, E1 * E1 + 3);
  }

  @Test
  void misshapenInputsAreNamed() {
    assertThatThrownBy(() -> unitCase().setB(manager.ones(new Shape(1, 2, 3))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b must have shape (1, 1, 3)");
    assertThatThrownBy(() -> unitCase().setC(null).build()).hasMessageContaining("c is required");
  }
}
