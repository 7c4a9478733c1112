package io.mambastream.backbones.ssm;

import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work over an index range on up to {@code threads} threads: the calling thread and tasks on
 * the common fork-join pool. The range is cut into blocks of {@code grain} indices that the workers
 * claim one at a time, so a worker that the OS deschedules (cores shared with other processes)
 * holds up at most one block. The work inside a block stays single-threaded.
 */
final class ParallelRange {

  /** Work on the indices [from, to) by the worker with the given number. */
  @FunctionalInterface
  interface Chunk {
    /** Processes the indices [from, to); {@code worker} is in [0, threads). */
    void run(int worker, int from, int to);
  }

  private final int threads;

  ParallelRange(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    this.threads = threads;
  }

  /** Returns the number of workers. */
  int threads() {
    return threads;
  }

  /** Runs {@code chunk} over [0, count) in blocks of {@code grain} indices. */
  void forEach(int count, int grain, Chunk chunk) {
    int blocks = (count + grain - 1) / grain;
    int workers = Math.min(threads, blocks);
    if (workers <= 1) {
      chunk.run(0, 0, count);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    RecursiveAction[] actions = new RecursiveAction[workers];
    for (int w = 0; w < workers; w++) {
      int worker = w;
      actions[w] =
          new RecursiveAction() {
            @Override
            protected void compute() {
              for (int from = next.getAndAdd(grain); from < count; from = next.getAndAdd(grain)) {
                chunk.run(worker, from, Math.min(count, from + grain));
              }
            }
          };
    }
    ForkJoinTask.invokeAll(actions);
  }
}
