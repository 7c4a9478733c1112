package io.mambastream.backbones.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtendWith;

class GpuConditionTest {

  @Test
  void agreesWithTheEngineAndSaysWhy() {
    ConditionEvaluationResult result = GpuCondition.evaluate();
    int gpus = Engine.getEngine("PyTorch").getGpuCount();

    assertThat(result.isDisabled()).isEqualTo(gpus == 0);
    assertThat(result.getReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith(gpus == 0 ? GpuCondition.NO_GPU : gpus + " CUDA device(s)")
                    .contains("PyTorch " + Engine.getEngine("PyTorch").getVersion()));
  }

  @Test
  void theAnnotationCarriesTheConditionAndTheGpuTag() {
    assertThat(RequiresGpu.class.getAnnotation(ExtendWith.class).value())
        .containsExactly(GpuCondition.class);
    assertThat(RequiresGpu.class.getAnnotation(Tag.class).value()).isEqualTo("gpu");
  }
}
