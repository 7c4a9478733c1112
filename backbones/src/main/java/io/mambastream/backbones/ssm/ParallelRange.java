package io.mambastream.backbones.ssm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work over an index range on up to {@code threads} threads: the calling thread plus helpers
 * on the common fork-join pool. The range is cut into blocks of {@code grain} indices that the
 * workers claim one at a time, and the call returns as soon as every block is done.
 *
 * <p>On cores shared with other processes, this keeps a slow thread from stalling the call: a
 * helper that the OS schedules late finds no block left and does nothing, so the caller never waits
 * for it to start, only for blocks already in progress. The work inside a block stays
 * single-threaded.
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

  /** Runs {@code chunk} over [0, count) in blocks of {@code grain} indices and waits for them. */
  void forEach(int count, int grain, Chunk chunk) {
    int blocks = (count + grain - 1) / grain;
    int workers = Math.min(threads, blocks);
    if (workers <= 1) {
      chunk.run(0, 0, count);
      return;
    }
    Claims claims = new Claims(count, grain, chunk);
    for (int w = 1; w < workers; w++) {
      int worker = w;
      ForkJoinPool.commonPool().execute(() -> claims.work(worker));
    }
    claims.work(0);
    claims.awaitAll(blocks);
  }

  /** The shared state of one {@link #forEach} call. */
  private static final class Claims {
    private final int count;
    private final int grain;
    private final Chunk chunk;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Claims(int count, int grain, Chunk chunk) {
      this.count = count;
      this.grain = grain;
      this.chunk = chunk;
    }

    /** Claims and runs blocks until none is left; a failure is kept for the caller. */
    void work(int worker) {
      for (int from = next.getAndAdd(grain); from < count; from = next.getAndAdd(grain)) {
        try {
          if (failure.get() == null) {
            chunk.run(worker, from, Math.min(count, from + grain));
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.incrementAndGet();
        }
      }
    }

    /** Waits until all blocks are done (helpers finish blocks of microseconds), then rethrows. */
    void awaitAll(int blocks) {
      for (int spins = 0; done.get() < blocks; spins++) {
        if (spins < 1_000) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      Throwable t = failure.get();
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
    }
  }
}
