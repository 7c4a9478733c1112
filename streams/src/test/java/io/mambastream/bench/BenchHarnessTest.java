package io.mambastream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Warm-up and timed runs, the time budget, and the statistics of a row. */
class BenchHarnessTest {

  @Test
  void rowStatisticsByHand() {
    // Sorted 1, 2, 4, 10: median (2 + 4) / 2 = 3, per second 1000 / 3.
    BenchRow even = BenchRow.of("x", Map.of(), new double[] {4, 1, 10, 2}, null);
    assertThat(even.medianMs()).isEqualTo(3);
    assertThat(even.minMs()).isEqualTo(1);
    assertThat(even.maxMs()).isEqualTo(10);
    assertThat(even.runs()).isEqualTo(4);
    assertThat(even.perS()).isEqualTo(1000 / 3.0);
    assertThat(BenchRow.of("x", Map.of(), new double[] {5, 1, 9}, null).medianMs()).isEqualTo(5);
  }

  @Test
  void warmsUpThenTimesOnlyTheBody() {
    AtomicInteger before = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger after = new AtomicInteger();
    BenchRow row =
        new BenchHarness(2, 0, 5, 60)
            .measure(
                "count",
                Map.of("k", 1),
                new BenchCase() {
                  @Override
                  public void before() {
                    before.incrementAndGet();
                  }

                  @Override
                  public void run() {
                    runs.incrementAndGet();
                  }

                  @Override
                  public void after() {
                    after.incrementAndGet();
                  }
                });
    assertThat(runs.get()).isEqualTo(7);
    assertThat(before.get()).isEqualTo(7);
    assertThat(after.get()).isEqualTo(7);
    assertThat(row.runs()).isEqualTo(5);
    assertThat(row.note()).isNull();
  }

  @Test
  void warmUpLastsItsMinimumTime() {
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    new BenchHarness(1, 0.05, 1, 60)
        .measure(
            "x",
            Map.of(),
            () -> {
              calls.incrementAndGet();
              sleep(1);
            });
    // 50 ms of warm-up at about 1 ms per call: many more than the 1 + 1 runs asked for.
    assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(50);
    assertThat(calls.get()).isGreaterThan(10);
  }

  @Test
  void aSlowRowGetsFewerRunsAndSaysSo() {
    BenchRow row = new BenchHarness(0, 0, 50, 0.001).measure("slow", Map.of(), () -> sleep(3));
    assertThat(row.runs()).isEqualTo(BenchHarness.MIN_RUNS);
    assertThat(row.minMs()).isGreaterThanOrEqualTo(3);
    assertThat(row.note()).contains("3 of 50 runs");
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new BenchHarness(0, 0, 0, 1)).hasMessageContaining("runs >= 1");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
