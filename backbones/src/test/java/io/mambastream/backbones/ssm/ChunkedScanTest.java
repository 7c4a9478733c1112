package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The chunked scan against the sequential reference, forward and gradients. */
class ChunkedScanTest {

  static Stream<Arguments> cases() {
    return Stream.of(ChunkedScan.IntraChunk.values())
        .flatMap(form -> shapes().map(args -> Arguments.of(args.get()[0], args.get()[1], form)));
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        // L = 1: one chunk of one token
        Arguments.of(new ScanCase(2, 3, 1, 4, true, null, 11), 4),
        // odd L, several chunks, the last one partial (13 = 4 + 4 + 4 + 1)
        Arguments.of(new ScanCase(2, 3, 13, 4, false, null, 12), 4),
        Arguments.of(new ScanCase(2, 3, 13, 4, true, null, 13), 4),
        // L shorter than the chunk: T is capped at L
        Arguments.of(new ScanCase(1, 4, 7, 3, true, null, 14), 16),
        // T = 1 degenerates to the sequential recurrence over chunks
        Arguments.of(new ScanCase(1, 2, 5, 2, true, null, 15), 1),
        // masks, both modes, L > T and L not a multiple of T
        Arguments.of(new ScanCase(2, 3, 11, 4, true, MaskMode.CARRY_STATE, 16), 4),
        Arguments.of(new ScanCase(2, 3, 11, 4, true, MaskMode.DECAY_ONLY, 17), 4),
        Arguments.of(new ScanCase(2, 3, 11, 4, false, MaskMode.CARRY_STATE, 18), 3),
        // the default chunk size over more than two chunks
        Arguments.of(new ScanCase(1, 4, 37, 4, true, MaskMode.CARRY_STATE, 19), 16));
  }

  @ParameterizedTest(name = "{0}, T = {1}, {2}")
  @MethodSource("cases")
  void forwardAndGradientsMatchTheSequentialScan(
      ScanCase scanCase, int chunkSize, ChunkedScan.IntraChunk form) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> expected = scanCase.withGradients(new SequentialScan(), manager);
      Map<String, NDArray> actual =
          scanCase.withGradients(new ChunkedScan(chunkSize, form), manager);
      assertThat(expected).containsKeys("grad x", "grad delta", "grad a", "grad b", "grad c");
      if (scanCase.extras()) {
        assertThat(expected).containsKeys("grad d", "grad z", "grad deltaBias");
      }
      assertThat(RelativeError.ofEach(actual, expected))
          .allSatisfy(
              (name, error) -> assertThat(error).as(name).isLessThan(RelativeError.FLOAT32_BOUND));
    }
  }

  /** Backward reads nothing that a garbage collection frees (see AutogradSafe). */
  @ParameterizedTest
  @EnumSource(ChunkedScan.IntraChunk.class)
  void gradientsDoNotDependOnACollectionBeforeBackward(ChunkedScan.IntraChunk form) {
    ScanCase scanCase = new ScanCase(2, 3, 11, 4, true, MaskMode.CARRY_STATE, 20);
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(scanCase.valuesChangedByACollection(new ChunkedScan(4, form), manager)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ChunkedScan.IntraChunk.class)
  void followsTheRecurrenceByHand(ChunkedScan.IntraChunk form) {
    // B = D = N = 1, A = -1, Δ = 1, B_t = C_t = 1, x = (1, 2, 3), chunks of 2 (the second one
    // padded): the decay per step is e^-1 and h_t = e^-1·h_{t-1} + x_t.
    try (NDManager manager = NDManager.newBaseManager()) {
      ScanInputs inputs =
          ScanInputs.builder()
              .setX(manager.create(new float[] {1, 2, 3}, new Shape(1, 1, 3)))
              .setDelta(manager.ones(new Shape(1, 1, 3)))
              .setA(manager.create(new float[] {-1}, new Shape(1, 1)))
              .setB(manager.ones(new Shape(1, 1, 3)))
              .setC(manager.ones(new Shape(1, 1, 3)))
              .build();
      ScanResult result = new ChunkedScan(2, form).apply(inputs);
      double e1 = Math.exp(-1);
      double h2 = e1 * (e1 + 2) + 3;
      assertThat(result.y().toFloatArray())
          .containsExactly(new float[] {1, (float) (e1 + 2), (float) h2}, within(1e-6f));
      assertThat(result.lastState().toFloatArray())
          .containsExactly(new float[] {(float) h2}, within(1e-6f));
    }
  }

  @ParameterizedTest
  @EnumSource(ChunkedScan.IntraChunk.class)
  void largeDecaysStayFinite(ChunkedScan.IntraChunk form) {
    // Δ·A down to -50·16 per step: exp(-s) over a chunk would overflow float32 many times over.
    try (NDManager manager = NDManager.newBaseManager()) {
      ScanCase scanCase = new ScanCase(1, 2, 9, 16, false, null, 21);
      Map<String, NDArray> arrays = scanCase.arrays(manager);
      arrays.put("delta", arrays.get("delta").mul(50));
      ScanResult expected = new SequentialScan().apply(scanCase.inputs(arrays));
      ScanResult actual = new ChunkedScan(8, form).apply(scanCase.inputs(arrays));
      assertThat(RelativeError.of(actual.y(), expected.y()))
          .isLessThan(RelativeError.FLOAT32_BOUND);
      assertThat(RelativeError.of(actual.lastState(), expected.lastState()))
          .isLessThan(RelativeError.FLOAT32_BOUND);
    }
  }

  @Test
  void chunkSizeMustBePositive() {
    assertThatThrownBy(() -> new ChunkedScan(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunkSize must be >= 1, got 0");
    assertThatThrownBy(() -> new ChunkedScan(4, null))
        .hasMessageContaining("intraChunk must not be null");
  }
}
