package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import io.mambastream.backbones.ssm.ScanCases.Options;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The fused kernel equals the naive loop on arbitrary shapes, options and thread counts. */
class FusedScanPropertiesTest {

  @Property(tries = 60, seed = "20261127")
  void fusedMatchesNaive(
      @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 5) int channels,
      @ForAll @IntRange(min = 1, max = 45) int length,
      @ForAll @IntRange(min = 1, max = 37) int state,
      @ForAll @IntRange(min = 0, max = 3) int option,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll boolean vectors,
      @ForAll long seed) {
    Options options =
        new Options[] {Options.PLAIN, Options.FULL, Options.CARRY, Options.DECAY}[option];
    ScanArrays in = ScanCases.random(seed, batch, channels, length, state, options);
    FusedScan.Output expected = ScanCases.naive(in);
    FusedScan.Output actual =
        FusedScan.builder().optThreads(threads).optVectors(vectors).build().scan(in);
    assertThat(RelativeError.of(actual.y(), expected.y())).isLessThan(RelativeError.FLOAT32_BOUND);
    assertThat(RelativeError.of(actual.lastState(), expected.lastState()))
        .isLessThan(RelativeError.FLOAT32_BOUND);
  }
}
