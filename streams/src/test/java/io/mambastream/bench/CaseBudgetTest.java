package io.mambastream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseBudgetTest {
  private static final Map<String, Object> PARAMS = Map.of("px", 32);

  @Test
  void aCaseWithinTheBudgetIsMeasuredWithTheSecondsLeft() {
    CaseBudget budget = new CaseBudget(3600);
    double[] given = new double[1];

    BenchRow row =
        budget.measure(
            "m",
            PARAMS,
            left -> {
              given[0] = left;
              return BenchRow.of("m", PARAMS, new double[] {5.0}, null);
            });

    assertThat(row.isMeasured()).isTrue();
    assertThat(row.medianMs()).isEqualTo(5.0);
    // Less than the hour is left, but not a second less: the test took no longer.
    assertThat(given[0]).isLessThanOrEqualTo(3600).isGreaterThan(3599);
  }

  @Test
  void aCaseAfterTheBudgetIsSpentIsSkippedWithoutRunning() throws InterruptedException {
    CaseBudget budget = new CaseBudget(1e-9);
    Thread.sleep(1); // 1 ms is far past 1 ns

    BenchRow row =
        budget.measure(
            "m",
            PARAMS,
            left -> {
              throw new AssertionError("a skipped case must not run");
            });

    assertThat(row.isMeasured()).isFalse();
    assertThat(row.name()).isEqualTo("m");
    assertThat(row.params()).isEqualTo(PARAMS);
    assertThat(row.error()).isEqualTo("skipped: the total time budget of 0 s was spent");
  }

  @Test
  void aCaseTheEngineFailsBecomesARowWithTheEnginesError() {
    BenchRow row =
        new CaseBudget(3600)
            .measure(
                "m",
                PARAMS,
                left -> {
                  throw new EngineException("CUDA out of memory. Tried to allocate 2 GiB\nmore");
                });

    assertThat(row.isMeasured()).isFalse();
    assertThat(row.error()).isEqualTo("out of memory: CUDA out of memory. Tried to allocate 2 GiB");
  }

  @Test
  void anOutOfMemoryFailureKeepsItsFirstLineAndIsMarked() {
    // The shape of libtorch's message: a first line with the request, then allocator details.
    EngineException oom =
        new EngineException(
            "CUDA out of memory. Tried to allocate 28.27 GiB. GPU 0 has a total capacity of 79.19"
                + " GiB\nException raised from malloc at c10/cuda/CUDACachingAllocator.cpp");

    assertThat(CaseBudget.engineError(oom))
        .isEqualTo(
            "out of memory: CUDA out of memory. Tried to allocate 28.27 GiB. GPU 0 has a total"
                + " capacity of 79.19 GiB");
  }

  @Test
  void otherEngineFailuresAreNamedAsSuch() {
    assertThat(CaseBudget.engineError(new EngineException("shape mismatch\nat ...")))
        .isEqualTo("engine error: shape mismatch");
  }

  @Test
  void theBudgetMustBePositive() {
    for (double bad : new double[] {0, -1, Double.NaN}) {
      assertThatThrownBy(() -> new CaseBudget(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("the total time budget must be positive");
    }
  }
}
