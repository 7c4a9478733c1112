package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeBudgetTest {

  @Test
  void fitsAfterTheLastWholeWarmUpEpochAndOnlyWithABudget() {
    assertThat(new TimeBudget(600, 1).fitsAfter(1)).isTrue();
    assertThat(new TimeBudget(600, 2).fitsAfter(1)).isFalse();
    assertThat(new TimeBudget(600, 2).fitsAfter(2)).isTrue();
    assertThat(new TimeBudget(600, 2.5).fitsAfter(2)).isTrue(); // epoch 3 is partly warm-up
    assertThat(new TimeBudget(600, 0.5).fitsAfter(1)).isTrue(); // at least epoch 1
    assertThat(new TimeBudget(0, 2).fitsAfter(2)).isFalse();
  }

  @Test
  void fittedEpochsCountWhatIsLeftAfterTheTestEvaluation() {
    TimeBudget budget = new TimeBudget(600, 1);
    // 600 s budget, 30 s gone, test 20 s: 550 s left = 11 more epochs of 50 s.
    assertThat(budget.fittedEpochs(100, 1, 30, 50, 20)).isEqualTo(12);
    assertThat(budget.fittedEpochs(100, 1, 30, 50, 21)).isEqualTo(11);
    assertThat(budget.fittedEpochs(8, 1, 30, 50, 20)).isEqualTo(8);
    assertThat(new TimeBudget(10, 1).fittedEpochs(8, 1, 30, 50, 20)).isEqualTo(1);
    // After 2 epochs, 80 s gone, test 20 s: 500 s left = 10 more epochs of 50 s.
    assertThat(budget.fittedEpochs(100, 2, 80, 50, 20)).isEqualTo(12);
    assertThat(new TimeBudget(60, 2).fittedEpochs(100, 2, 80, 50, 20)).isEqualTo(2);
  }
}
