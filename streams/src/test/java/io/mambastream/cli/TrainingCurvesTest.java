package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingCurvesTest {

  @Test
  void namesTheBatchesTrainingSawFromTheCardsTrainingRecord() {
    assertThat(TrainingCurves.batches(Map.of("augment", "true", "mixup_alpha", "0.2")))
        .isEqualTo("mixed batches");
    assertThat(TrainingCurves.batches(Map.of("augment", "true", "cutmix_alpha", "1.0")))
        .isEqualTo("mixed batches");
    assertThat(TrainingCurves.batches(Map.of("augment", "true"))).isEqualTo("augmented");
    assertThat(TrainingCurves.batches(Map.of("augment", "false"))).isEqualTo("plain batches");
    assertThat(TrainingCurves.batches(Map.of())).isNull();
  }

  @Test
  void labelsCarryOnlyTheNotesThatApply() {
    assertThat(TrainingCurves.trainLabel("smoothed", "mixed batches"))
        .isEqualTo("train (smoothed, mixed batches)");
    assertThat(TrainingCurves.trainLabel(null, "augmented")).isEqualTo("train (augmented)");
    assertThat(TrainingCurves.trainLabel(null, null)).isEqualTo("train");
  }
}
