package io.mambastream.bench.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.train.ClassifierConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainStepTest {

  /** A one-layer model of the benchmark's shapes at 32 px (4 patches), 10 classes. */
  private static ClassifierConfig small(String architecture) {
    return "vim".equals(architecture)
        ? new ClassifierConfig("vim", 32, 1, 16, 4, 0, 32, 3, 10, -1, false, List.of())
        : new ClassifierConfig("vit", 32, 1, 16, 0, 2, 32, 3, 10, -1, false, List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"vim", "vit"})
  void aStepUpdatesEveryParameterAndFreesItsArrays(String architecture) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      TrainStep step = TrainStep.create(small(architecture), new ChunkedScan(), 2, manager);
      Map<String, float[]> before = new LinkedHashMap<>();
      StateDictNames.of(step.model())
          .forEach((name, p) -> before.put(name, p.getArray().toFloatArray()));
      int arraysBefore = manager.getManagedArrays().size();
      assertThat(step.loss()).isNaN();

      runOnce(step);
      assertThat(manager.getManagedArrays()).hasSize(arraysBefore);
      runOnce(step);

      // Nothing of a step stays in the model's manager (weights and AdamW moments only): the
      // inputs, activations and gradient handles went with the step's sub-manager.
      assertThat(manager.getManagedArrays()).hasSize(arraysBefore);
      // With random labels over K classes and small initial logits, the smoothed cross-entropy
      // is near that of uniform probabilities, ln K, whatever ε is.
      assertThat((double) step.loss()).isFinite().isCloseTo(Math.log(10), within(1.0));
      // AdamW's first update moves each weight by about lr (m̂ / √v̂ = ±1 for one gradient), so
      // every parameter with any gradient changes.
      StateDictNames.of(step.model())
          .forEach(
              (name, p) ->
                  assertThat(p.getArray().toFloatArray()).as(name).isNotEqualTo(before.get(name)));
    }
  }

  private static void runOnce(TrainStep step) {
    step.before();
    try {
      step.run();
    } finally {
      step.after();
    }
  }
}
