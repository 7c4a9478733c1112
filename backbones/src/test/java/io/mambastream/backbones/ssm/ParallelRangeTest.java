package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every index is run exactly once, by a worker in range, and failures reach the caller. */
class ParallelRangeTest {

  @Test
  void visitsEveryIndexOnce() {
    for (int threads : new int[] {1, 2, 3, 8}) {
      for (int count : new int[] {1, 7, 8, 9, 100}) {
        for (int grain : new int[] {1, 3, 8}) {
          AtomicIntegerArray visits = new AtomicIntegerArray(count);
          new ParallelRange(threads)
              .forEach(
                  count,
                  grain,
                  (worker, from, to) -> {
                    assertThat(worker).isBetween(0, threads - 1);
                    // One worker takes the whole range at once; several take blocks.
                    assertThat(to - from).isBetween(1, threads == 1 ? count : grain);
                    for (int i = from; i < to; i++) {
                      visits.incrementAndGet(i);
                    }
                  });
          for (int i = 0; i < count; i++) {
            assertThat(visits.get(i)).as("index %d, %d threads", i, threads).isEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void aFailingBlockFailsTheCall() {
    ParallelRange range = new ParallelRange(3);
    assertThatThrownBy(
            () ->
                range.forEach(
                    40,
                    2,
                    (worker, from, to) -> {
                      if (from == 20) {
                        throw new IllegalStateException("block 20");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("block 20");
  }
}
