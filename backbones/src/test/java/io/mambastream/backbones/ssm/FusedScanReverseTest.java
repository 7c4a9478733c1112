package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import io.mambastream.backbones.ssm.ScanCases.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reverse fused scan against its definition: flip every (·, L) input along L, scan forward with
 * the obvious loop of {@link ScanCases#naive}, flip y back; the last state is the naive one.
 */
class FusedScanReverseTest {
  /** Kernels under test: vectors off, and each vector width (0 = the platform's preferred). */
  private static final int[] VECTOR_BITS = {-1, 0, 64, 128, 256, 512};

  /** (B, D, L, N): L = 1, odd L, L over two tiles of 128 with a partial last tile, N off widths. */
  private static final int[][] SHAPES = {
    {1, 3, 1, 16}, {2, 3, 7, 5}, {1, 2, 300, 16}, {2, 2, 19, 13}
  };

  static Stream<Arguments> kernelsAndCases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 100;
    for (int bits : VECTOR_BITS) {
      for (int[] s : SHAPES) {
        for (Options options : new Options[] {Options.FULL, Options.CARRY, Options.DECAY}) {
          cases.add(Arguments.of(bits, seed++, s[0], s[1], s[2], s[3], options));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "bits {0} seed {1}: B={2} D={3} L={4} N={5} {6}")
  @MethodSource("kernelsAndCases")
  void reverseIsFlipScanFlip(
      int bits, long seed, int batch, int channels, int length, int state, Options options) {
    ScanArrays in = ScanCases.random(seed, batch, channels, length, state, options);
    FusedScan.Output flippedForward = ScanCases.naive(flip(in));
    float[] expectedY = flip(flippedForward.y(), length);

    FusedScan.Builder builder = FusedScan.builder().optThreads(2);
    FusedScan scan =
        bits < 0
            ? builder.optVectors(false).build()
            : builder.optVectors(true).optVectorBits(bits).build();
    float[] y = new float[in.x().length];
    float[] lastState = new float[batch * channels * state];
    scan.scan(in, scan.newWorkspace(in), y, lastState, true);

    assertThat(RelativeError.of(y, expectedY)).isLessThan(RelativeError.FLOAT32_BOUND);
    assertThat(RelativeError.of(lastState, flippedForward.lastState()))
        .isLessThan(RelativeError.FLOAT32_BOUND);
  }

  /** The same arguments with every array that has a position axis reversed along it. */
  private static ScanArrays flip(ScanArrays in) {
    int length = in.length();
    boolean[] mask = null;
    if (in.keptMask() != null) {
      mask = new boolean[in.keptMask().length];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = in.keptMask()[i - i % length + length - 1 - i % length];
      }
    }
    return new ScanArrays(
        in.batch(),
        in.channels(),
        length,
        in.stateSize(),
        flip(in.x(), length),
        flip(in.delta(), length),
        in.a(),
        flip(in.b(), length),
        flip(in.c(), length),
        in.d(),
        in.z() == null ? null : flip(in.z(), length),
        in.deltaBias(),
        in.deltaSoftplus(),
        mask,
        in.maskMode());
  }

  /**
   * Reverses each run of {@code length} consecutive values (the last axis of a row-major array).
   */
  private static float[] flip(float[] values, int length) {
    float[] flipped = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      flipped[i] = values[i - i % length + length - 1 - i % length];
    }
    return flipped;
  }
}
