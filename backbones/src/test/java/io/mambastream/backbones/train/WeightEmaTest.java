package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightEmaTest {

  private static Map<String, Parameter> parameters(NDManager manager, float[] w, float[] b) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    out.put("w", parameter("w", manager.create(w, new Shape(2, 2))));
    out.put("b", parameter("b", manager.create(b)));
    return out;
  }

  private static Parameter parameter(String name, NDArray array) {
    Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    parameter.setArray(array);
    return parameter;
  }

  private static void assign(Parameter parameter, float... values) {
    parameter.getArray().set(values);
  }

  @Test
  void theDecayRampsUpToItsLimit() {
    // (1 + t) / (10 + t): 0.1 before the first step, 2/11 after it, 0.5 at t = 8; then capped.
    assertThat(WeightEma.decayAt(0.999, 0)).isEqualTo(0.1);
    assertThat(WeightEma.decayAt(0.999, 1)).isCloseTo(2.0 / 11, within(1e-15));
    assertThat(WeightEma.decayAt(0.999, 8)).isEqualTo(0.5);
    assertThat(WeightEma.decayAt(0.999, 1_000_000)).isEqualTo(0.999);
    assertThat(WeightEma.decayAt(0.9, 100)).isEqualTo(0.9);
  }

  @Test
  void updatesFollowTheFormulaAndSwapExchangesExactly() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, Parameter> params =
          parameters(manager, new float[] {1, 2, 3, 4}, new float[] {10, -10});
      WeightEma ema = new WeightEma(params, 0.9, manager);
      // Step 1: d = min(0.9, 2/11); weights move to (5, 6, 7, 8) and (0, 0).
      assign(params.get("w"), 5, 6, 7, 8);
      assign(params.get("b"), 0, 0);
      ema.update(1, manager);
      double d1 = 2.0 / 11;
      // Step 100: d = 0.9; weights move to (0, 0, 0, 0) and (1, 1).
      assign(params.get("w"), 0, 0, 0, 0);
      assign(params.get("b"), 1, 1);
      ema.update(100, manager);
      float[] expectedW = new float[4];
      for (int i = 0; i < 4; i++) {
        double afterFirst = d1 * (i + 1) + (1 - d1) * (i + 5);
        expectedW[i] = (float) (0.9 * afterFirst + 0.1 * 0);
      }
      double b0 = 0.9 * (d1 * 10 + (1 - d1) * 0) + 0.1 * 1;
      double b1 = 0.9 * (d1 * -10 + (1 - d1) * 0) + 0.1 * 1;
      assertThat(ema.state().get("w").toFloatArray()).containsExactly(expectedW, within(1e-5f));
      assertThat(ema.state().get("b").toFloatArray())
          .containsExactly(new float[] {(float) b0, (float) b1}, within(1e-5f));

      float[] averageW = ema.state().get("w").toFloatArray();
      try (WeightEma.Swap swapped = ema.swapIn(manager)) {
        assertThat(params.get("w").getArray().toFloatArray()).containsExactly(averageW);
        assertThat(ema.state().get("w").toFloatArray()).containsExactly(0, 0, 0, 0);
      }
      assertThat(params.get("w").getArray().toFloatArray()).containsExactly(0, 0, 0, 0);
      assertThat(ema.state().get("w").toFloatArray()).containsExactly(averageW);
    }
  }

  @Test
  void noAverageDoesNothing() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, Parameter> params = parameters(manager, new float[] {1, 2, 3, 4}, new float[2]);
      WeightEma none = WeightEma.none();
      none.update(5, manager);
      try (WeightEma.Swap swapped = none.swapIn(manager)) {
        assertThat(params.get("w").getArray().toFloatArray()).containsExactly(1, 2, 3, 4);
      }
      assertThat(none.enabled()).isFalse();
      assertThat(none.state()).isEmpty();
    }
  }

  @Test
  void aRestoredAverageEqualsTheSavedOneAndAMissingKeyIsNamed() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, Parameter> params = parameters(manager, new float[] {1, 2, 3, 4}, new float[2]);
      WeightEma saved = new WeightEma(params, 0.5, manager);
      assign(params.get("w"), 3, 3, 3, 3);
      saved.update(50, manager);
      WeightEma fresh = new WeightEma(params, 0.5, manager);
      fresh.restore(saved.state());
      assertThat(fresh.state().get("w").toFloatArray())
          .containsExactly(saved.state().get("w").toFloatArray());

      Map<String, NDArray> partial = new LinkedHashMap<>(saved.state());
      partial.remove("b");
      assertThatThrownBy(() -> fresh.restore(partial))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("EMA state lacks b");
      assertThatThrownBy(() -> new WeightEma(params, 1.0, manager))
          .hasMessageContaining("EMA decay must be in (0, 1)");
    }
  }
}
