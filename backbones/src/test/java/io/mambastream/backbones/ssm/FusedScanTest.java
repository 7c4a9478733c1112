package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mambastream.backbones.ssm.ScanCases.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused kernel against the obvious scalar loop of {@link ScanCases#naive} and against {@link
 * SequentialScan}, for every kernel (scalar and each vector width) on shapes that hit the tails.
 */
class FusedScanTest {
  /** Kernels under test: vectors off, and each vector width (0 = the platform's preferred). */
  private static final int[] VECTOR_BITS = {-1, 0, 64, 128, 256, 512};

  /** (B, D, L, N): L = 1, odd L, N below, at, above and off a multiple of every width. */
  private static final int[][] SHAPES = {
    {1, 3, 1, 16}, {2, 3, 7, 5}, {1, 4, 33, 16}, {2, 2, 19, 13}, {1, 3, 40, 17}, {3, 2, 9, 1}
  };

  private static final Options[] OPTIONS = {
    Options.PLAIN, Options.FULL, Options.CARRY, Options.DECAY
  };

  private static FusedScan scan(int bits, int threads) {
    FusedScan.Builder builder = FusedScan.builder().optThreads(threads);
    if (bits < 0) {
      return builder.optVectors(false).build();
    }
    return builder.optVectors(true).optVectorBits(bits).build();
  }

  static Stream<Arguments> kernelsAndCases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 1;
    for (int bits : VECTOR_BITS) {
      for (int[] s : SHAPES) {
        for (Options options : OPTIONS) {
          cases.add(Arguments.of(bits, seed++, s[0], s[1], s[2], s[3], options));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "bits {0} seed {1}: B={2} D={3} L={4} N={5} {6}")
  @MethodSource("kernelsAndCases")
  void matchesTheNaiveLoop(
      int bits, long seed, int batch, int channels, int length, int state, Options options) {
    ScanArrays in = ScanCases.random(seed, batch, channels, length, state, options);
    FusedScan.Output expected = ScanCases.naive(in);
    FusedScan.Output actual = scan(bits, 2).scan(in);
    assertThat(RelativeError.of(actual.y(), expected.y())).isLessThan(RelativeError.FLOAT32_BOUND);
    assertThat(RelativeError.of(actual.lastState(), expected.lastState()))
        .isLessThan(RelativeError.FLOAT32_BOUND);
    if (in.keptMask() != null) {
      for (int i = 0; i < actual.y().length; i++) {
        int b = i / (channels * length);
        if (!in.keptMask()[b * length + i % length]) {
          assertThat(actual.y()[i]).as("y[%d] at a pruned position", i).isZero();
        }
      }
    }
  }

  static Stream<Arguments> referenceCases() {
    return Stream.of(
        Arguments.of(-1, Options.FULL),
        Arguments.of(0, Options.FULL),
        Arguments.of(0, Options.CARRY),
        Arguments.of(0, Options.DECAY),
        Arguments.of(128, Options.DECAY),
        Arguments.of(0, Options.PLAIN));
  }

  @ParameterizedTest(name = "bits {0}, {1}")
  @MethodSource("referenceCases")
  void matchesTheSequentialReferenceThroughNdArrays(int bits, Options options) {
    ScanArrays in = ScanCases.random(42 + bits, 2, 5, 23, 16, options);
    try (NDManager manager = NDManager.newBaseManager()) {
      ScanInputs inputs = in.toInputs(manager);
      ScanResult expected = new SequentialScan().apply(inputs);
      ScanResult actual = scan(bits, 3).apply(inputs);
      assertThat(actual.y().getShape()).isEqualTo(expected.y().getShape());
      assertThat(actual.lastState().getShape()).isEqualTo(expected.lastState().getShape());
      assertThat(RelativeError.of(actual.y().toFloatArray(), expected.y().toFloatArray()))
          .isLessThan(RelativeError.FLOAT32_BOUND);
      assertThat(
              RelativeError.of(
                  actual.lastState().toFloatArray(), expected.lastState().toFloatArray()))
          .isLessThan(RelativeError.FLOAT32_BOUND);
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    ScanArrays in = ScanCases.random(7, 3, 13, 21, 16, Options.CARRY); // 39 channels: 5 blocks
    for (int bits : new int[] {-1, 0}) {
      FusedScan.Output single = scan(bits, 1).scan(in);
      for (int threads : new int[] {2, 3, 4, 16, 64}) {
        FusedScan.Output multi = scan(bits, threads).scan(in);
        assertThat(multi.y()).as("y, %d threads", threads).containsExactly(single.y());
        assertThat(multi.lastState()).containsExactly(single.lastState());
      }
    }
  }

  @Test
  void aReusedWorkspaceGivesTheSameResults() {
    FusedScan fused = scan(0, 2);
    ScanArrays big = ScanCases.random(3, 2, 4, 30, 16, Options.FULL);
    ScanArrays small = ScanCases.random(4, 1, 4, 11, 8, Options.DECAY);
    ScanWorkspace workspace = fused.newWorkspace(big);
    float[] y = new float[small.x().length];
    float[] last = new float[4 * 8];
    fused.scan(big, workspace, new float[big.x().length], new float[2 * 4 * 16]);
    fused.scan(small, workspace, y, last);
    assertThat(y).containsExactly(fused.scan(small).y());
    assertThat(last).containsExactly(fused.scan(small).lastState());
  }

  @Test
  void prunedPositionCarriesOrDecaysTheState() {
    // Hand case (as in SequentialScanTest): A = -1, Δ = 1, B = C = 1, x = (1, 2, 3), t = 1 pruned.
    // Carry: h = 1, 1, e^-1 + 3; decay: h = 1, e^-1, e^-2 + 3. Outputs 1, 0, h_2.
    double e1 = Math.exp(-1);
    for (MaskMode mode : MaskMode.values()) {
      ScanArrays in =
          new ScanArrays(
              1,
              1,
              3,
              1,
              new float[] {1, 2, 3},
              new float[] {1, 1, 1},
              new float[] {-1},
              new float[] {1, 1, 1},
              new float[] {1, 1, 1},
              null,
              null,
              null,
              false,
              new boolean[] {true, false, true},
              mode);
      double h2 = mode == MaskMode.CARRY_STATE ? e1 + 3 : e1 * e1 + 3;
      for (int bits : new int[] {-1, 0}) {
        FusedScan.Output out = scan(bits, 1).scan(in);
        assertThat(out.y()[0]).isEqualTo(1f);
        assertThat(out.y()[1]).isZero();
        assertThat((double) out.y()[2]).isCloseTo(h2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((double) out.lastState()[0])
            .isCloseTo(h2, org.assertj.core.data.Offset.offset(1e-6));
      }
    }
  }

  @Test
  void vectorsCanBeTurnedOff() {
    assertThat(scan(-1, 1).vectorDescription()).isEqualTo("scalar");
    assertThat(scan(128, 1).vectorDescription()).isEqualTo("128-bit (4 floats)");
    assertThat(FusedScan.builder().build().threads())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    String previous = System.getProperty(FusedScan.VECTORS_PROPERTY);
    System.setProperty(FusedScan.VECTORS_PROPERTY, "false");
    try {
      assertThat(FusedScan.builder().build().vectorDescription()).isEqualTo("scalar");
    } finally {
      if (previous == null) {
        System.clearProperty(FusedScan.VECTORS_PROPERTY);
      } else {
        System.setProperty(FusedScan.VECTORS_PROPERTY, previous);
      }
    }
  }

  @Test
  void badArgumentsAreNamed() {
    ScanArrays in = ScanCases.random(5, 1, 2, 4, 3, Options.PLAIN);
    assertThatThrownBy(
            () ->
                new ScanArrays(
                    1,
                    2,
                    4,
                    3,
                    in.x(),
                    in.delta(),
                    in.a(),
                    new float[5],
                    in.c(),
                    null,
                    null,
                    null,
                    false,
                    null,
                    MaskMode.CARRY_STATE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("b must have 12 entries, got 5");
    assertThatThrownBy(() -> FusedScan.builder().optThreads(0).build())
        .hasMessageContaining("threads must be positive");
    assertThatThrownBy(() -> FusedScan.builder().optVectorBits(100).build())
        .hasMessageContaining("vector bits");
    FusedScan fused = scan(0, 1);
    ScanWorkspace tiny = ScanWorkspace.allocate(1, 2, 3, 1);
    assertThatThrownBy(() -> fused.scan(in, tiny, new float[8], new float[6]))
        .hasMessageContaining("workspace too small");
  }
}
