package io.mambastream.backbones.ssm;

import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits an index range into one contiguous chunk per thread and runs the chunks on the common
 * fork-join pool, the calling thread taking the first. The tasks themselves stay single-threaded.
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

  /** Returns the number of chunks (and workers). */
  int threads() {
    return threads;
  }

  /** Runs {@code chunk} over [0, count), split into at most {@link #threads()} chunks. */
  void forEach(int count, Chunk chunk) {
    int workers = Math.min(threads, count);
    if (workers <= 1) {
      chunk.run(0, 0, count);
      return;
    }
    RecursiveAction[] actions = new RecursiveAction[workers];
    for (int w = 0; w < workers; w++) {
      int worker = w;
      int from = (int) ((long) count * w / workers);
      int to = (int) ((long) count * (w + 1) / workers);
      actions[w] =
          new RecursiveAction() {
            @Override
            protected void compute() {
              chunk.run(worker, from, to);
            }
          };
    }
    ForkJoinTask.invokeAll(actions);
  }
}
