package io.mambastream.bench;

/**
 * One measured operation: {@link #run()} is timed; {@link #before()} and {@link #after()} are not
 * (they prepare and release per-run resources, such as a scoped NDManager).
 */
@FunctionalInterface
public interface BenchCase {

  /** Prepares one run; not timed. */
  default void before() {}

  /** The operation being measured. */
  void run();

  /** Cleans up after one run; not timed. */
  default void after() {}
}
