package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingSplitsTest {

  @Test
  void theLastItemsValidateAndALimitCapsEachSplit() {
    TrainingSplits all = TrainingSplits.of(60_000, 10_000, 5_000, 0);
    assertThat(all.train()).hasSize(55_000).startsWith(0, 1).endsWith(54_999);
    assertThat(all.val()).hasSize(5_000).startsWith(55_000).endsWith(59_999);
    assertThat(all.test()).hasSize(10_000).startsWith(0).endsWith(9_999);
    assertThat(all.validating()).isTrue();
    // --limit 1000: 1,000 training items, the last 200 validate, the first 200 test.
    TrainingSplits limited = TrainingSplits.of(60_000, 10_000, 5_000, 1_000);
    assertThat(limited.train()).hasSize(1_000).endsWith(999);
    assertThat(limited.val()).hasSize(200).startsWith(59_800).endsWith(59_999);
    assertThat(limited.test()).hasSize(200);
  }

  @Test
  void noValidationTrainsOnEveryItem() {
    TrainingSplits all = TrainingSplits.of(60_000, 10_000, 0, 0);
    assertThat(all.train()).hasSize(60_000);
    assertThat(all.val()).isEmpty();
    assertThat(all.validating()).isFalse();
    assertThatThrownBy(() -> TrainingSplits.of(100, 10, 100, 0))
        .hasMessage("validation size 100 leaves no training items of 100");
  }
}
