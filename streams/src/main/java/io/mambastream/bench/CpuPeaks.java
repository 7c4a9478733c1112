package io.mambastream.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What this CPU can do at best from Java, measured with simple loops on {@code threads} threads at
 * once: fused multiply-adds on independent vector accumulators (FLOP/s), vector exponentials on an
 * array in L1 (exp/s) and a vector sum over an array far larger than the caches (read bandwidth).
 * Each is the best of a few repetitions.
 *
 * @param threads threads that ran concurrently
 * @param vectorBits the vector width used
 * @param flopsPerS fused multiply-add peak, floating-point operations per second (an FMA is 2)
 * @param expPerS float exponentials per second
 * @param bytesPerS read bandwidth from memory, bytes per second
 */
public record CpuPeaks(
    int threads,
    @JsonProperty("vector_bits") int vectorBits,
    @JsonProperty("flops_per_s") double flopsPerS,
    @JsonProperty("exp_per_s") double expPerS,
    @JsonProperty("bytes_per_s") double bytesPerS) {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int REPEATS = 5;

  /** Measures the peaks; {@code bandwidthBytes} is the size of the array summed (≥ 4 × L3). */
  public static CpuPeaks measure(int threads, long bandwidthBytes) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int lanes = SPECIES.length();
      long fmaIterations = 2_000_000;
      double flops =
          best(pool, threads, () -> fmaLoop(fmaIterations), 2.0 * lanes * 8 * fmaIterations);
      float[][] expArrays = new float[threads][4096];
      int expSweeps = 2000;
      double exps =
          bestIndexed(
              pool, threads, i -> expLoop(expArrays[i], expSweeps), (double) 4096 * expSweeps);
      int floatsPerThread = (int) Math.min(Integer.MAX_VALUE - 64, bandwidthBytes / 4 / threads);
      float[][] big = new float[threads][floatsPerThread];
      for (float[] array : big) {
        java.util.Arrays.fill(array, 1f);
      }
      double bytes = bestIndexed(pool, threads, i -> sumLoop(big[i]), 4.0 * floatsPerThread);
      return new CpuPeaks(threads, SPECIES.vectorBitSize(), flops, exps, bytes);
    } finally {
      pool.shutdownNow();
    }
  }

  private static double best(
      ExecutorService pool, int threads, LongSupplier work, double perThread) {
    return bestIndexed(pool, threads, i -> work.getAsLong(), perThread);
  }

  /**
   * Runs {@code work} on every thread at once, {@link #REPEATS} times, and returns the best total
   * rate: threads × perThread units over the slowest thread's time.
   */
  private static double bestIndexed(
      ExecutorService pool,
      int threads,
      java.util.function.IntToLongFunction work,
      double perThread) {
    double best = 0;
    for (int r = 0; r < REPEATS; r++) {
      List<Future<Long>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  long start = System.nanoTime();
                  long sink = work.applyAsLong(index);
                  long elapsed = System.nanoTime() - start;
                  return sink == 42 ? elapsed + 1 : elapsed; // keeps the result alive
                }));
      }
      long slowest = 0;
      for (Future<Long> future : futures) {
        slowest = Math.max(slowest, get(future));
      }
      best = Math.max(best, threads * perThread / (slowest / 1e9));
    }
    return best;
  }

  private static long get(Future<Long> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring CPU peaks", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a peak measurement failed", e.getCause());
    }
  }

  /** 8 independent FMA chains, enough to cover the FMA latency on current cores. */
  private static long fmaLoop(long iterations) {
    FloatVector a = FloatVector.broadcast(SPECIES, 0.999f);
    FloatVector b = FloatVector.broadcast(SPECIES, 0.001f);
    FloatVector c0 = FloatVector.broadcast(SPECIES, 1f);
    FloatVector c1 = c0.add(1f);
    FloatVector c2 = c0.add(2f);
    FloatVector c3 = c0.add(3f);
    FloatVector c4 = c0.add(4f);
    FloatVector c5 = c0.add(5f);
    FloatVector c6 = c0.add(6f);
    FloatVector c7 = c0.add(7f);
    for (long i = 0; i < iterations; i++) {
      c0 = c0.fma(a, b);
      c1 = c1.fma(a, b);
      c2 = c2.fma(a, b);
      c3 = c3.fma(a, b);
      c4 = c4.fma(a, b);
      c5 = c5.fma(a, b);
      c6 = c6.fma(a, b);
      c7 = c7.fma(a, b);
    }
    FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7);
    return (long) sum.reduceLanes(VectorOperators.ADD);
  }

  /** Exponentials from one array into another (nothing live across the exp call). */
  private static long expLoop(float[] values, int sweeps) {
    for (int i = 0; i < values.length; i++) {
      values[i] = -(i % 100) / 10f;
    }
    float[] out = new float[values.length];
    for (int s = 0; s < sweeps; s++) {
      for (int i = 0; i < values.length; i += SPECIES.length()) {
        FloatVector.fromArray(SPECIES, values, i).lanewise(VectorOperators.EXP).intoArray(out, i);
      }
    }
    return (long) out[1];
  }

  private static long sumLoop(float[] values) {
    FloatVector s0 = FloatVector.zero(SPECIES);
    FloatVector s1 = FloatVector.zero(SPECIES);
    int step = 2 * SPECIES.length();
    int bound = values.length - values.length % step;
    for (int i = 0; i < bound; i += step) {
      s0 = s0.add(FloatVector.fromArray(SPECIES, values, i));
      s1 = s1.add(FloatVector.fromArray(SPECIES, values, i + SPECIES.length()));
    }
    return (long) s0.add(s1).reduceLanes(VectorOperators.ADD);
  }
}
