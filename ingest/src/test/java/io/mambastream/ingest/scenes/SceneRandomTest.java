package io.mambastream.ingest.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SceneRandomTest {

  @Test
  void isSplitMix64() {
    // The published SplitMix64 reference gives 0xe220a8397b1dcdaf as the first output for seed 0.
    assertThat(new SceneRandom(0).nextLong()).isEqualTo(0xe220a8397b1dcdafL);
    // java.util.SplittableRandom(seed) runs the same algorithm: an independent implementation.
    for (long seed : new long[] {1, 42, -7, 2_000_000_123L}) {
      SceneRandom ours = new SceneRandom(seed);
      SplittableRandom jdk = new SplittableRandom(seed);
      for (int i = 0; i < 100; i++) {
        assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
      }
    }
  }

  @Test
  void betweenCoversTheRangeInclusively() {
    SceneRandom random = new SceneRandom(5);
    int[] seen = new int[4];
    for (int i = 0; i < 4000; i++) {
      seen[random.between(3, 6) - 3]++;
    }
    // 1000 expected each; 4 standard deviations is about ±110.
    for (int n : seen) {
      assertThat(n).isBetween(880, 1120);
    }
  }

  @Test
  void forksDoNotDependOnLaterUse() {
    SceneRandom a = new SceneRandom(9);
    SceneRandom b = new SceneRandom(9);
    SceneRandom forkA = a.fork(1);
    SceneRandom forkB = b.fork(1);
    a.nextLong();
    assertThat(forkA.nextLong()).isEqualTo(forkB.nextLong());
    assertThat(new SceneRandom(9).fork(1).nextLong())
        .isNotEqualTo(new SceneRandom(9).fork(2).nextLong());
  }
}
