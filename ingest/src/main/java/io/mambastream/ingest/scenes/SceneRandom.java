package io.mambastream.ingest.scenes;

/**
 * SplitMix64 (Steele, Lea and Flood 2014), written out so that a seed gives the same numbers on
 * every JVM: a 64-bit counter advanced by the golden-ratio constant and mixed by a fixed bijection.
 */
public final class SceneRandom {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  /** A generator whose sequence depends only on {@code seed}. */
  public SceneRandom(long seed) {
    this.state = seed;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** A new generator for one purpose, independent of how much this one is used afterwards. */
  public SceneRandom fork(long purpose) {
    return new SceneRandom(mix(state ^ mix(purpose + GOLDEN_GAMMA)));
  }

  /** Uniform in [0, 1), 53 bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** Uniform integer in [lo, hi], both inclusive, without modulo bias. */
  public int between(int lo, int hi) {
    if (hi < lo) {
      throw new IllegalArgumentException("empty range " + lo + ".." + hi);
    }
    long span = (long) hi - lo + 1;
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % span; // accept [0, limit) only
    long bits;
    do {
      bits = nextLong() >>> 1;
    } while (bits >= limit);
    return (int) (lo + bits % span);
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return nextDouble() < p;
  }
}
