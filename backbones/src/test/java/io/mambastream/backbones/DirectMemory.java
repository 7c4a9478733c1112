package io.mambastream.backbones;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** Frees the native memory of unreachable direct buffers now, as a garbage collection would. */
public final class DirectMemory {

  private DirectMemory() {}

  /**
   * Collects garbage until the JVM's direct buffer pool stops shrinking: the memory of every
   * unreachable direct buffer (for example one behind a closed DJL array) is then back with the C
   * allocator, which overwrites its first bytes with its free-list pointers.
   */
  public static void freeUnreachable() {
    BufferPoolMXBean direct =
        ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct"))
            .findFirst()
            .orElseThrow();
    long count = Long.MAX_VALUE;
    int stable = 0;
    for (int round = 0; round < 100 && stable < 3; round++) {
      System.gc();
      try {
        Thread.sleep(10); // the reference handler thread frees the buffers after the collection
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      long now = direct.getCount();
      stable = now < count ? 0 : stable + 1;
      count = Math.min(count, now);
    }
  }
}
