package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chunked SSD scan against the sequential SSD reference and a case worked by hand. */
class ChunkedSsdTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // L = 1
        Arguments.of(new SsdCase(2, 1, 2, 3, 1, 4, true, null, 31), 4),
        // odd L over several chunks, last one partial; B and C as (B, L, N)
        Arguments.of(new SsdCase(2, 13, 2, 3, 0, 4, false, null, 32), 4),
        // groups: 4 heads share 2 groups of B and C
        Arguments.of(new SsdCase(1, 11, 4, 2, 2, 3, true, null, 33), 4),
        // one group per head
        Arguments.of(new SsdCase(1, 9, 3, 2, 3, 2, true, null, 34), 2),
        // T capped at L; T = 1
        Arguments.of(new SsdCase(2, 7, 2, 2, 1, 3, true, null, 35), 64),
        Arguments.of(new SsdCase(1, 5, 2, 2, 1, 3, true, null, 36), 1),
        // masks, both modes
        Arguments.of(new SsdCase(2, 11, 2, 3, 1, 4, true, MaskMode.CARRY_STATE, 37), 4),
        Arguments.of(new SsdCase(2, 11, 2, 3, 1, 4, true, MaskMode.DECAY_ONLY, 38), 4),
        // the default chunk size over more than one chunk
        Arguments.of(new SsdCase(1, 70, 2, 2, 1, 2, true, MaskMode.CARRY_STATE, 39), 64));
  }

  @ParameterizedTest(name = "{0}, T = {1}")
  @MethodSource("cases")
  void forwardAndGradientsMatchTheSequentialSsd(SsdCase ssdCase, int chunkSize) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> expected = ssdCase.withGradients(new SequentialSsd(), manager);
      Map<String, NDArray> actual = ssdCase.withGradients(new ChunkedSsd(chunkSize), manager);
      assertThat(expected).containsKeys("grad x", "grad dt", "grad a", "grad b", "grad c");
      assertThat(RelativeError.ofEach(actual, expected))
          .allSatisfy(
              (name, error) -> assertThat(error).as(name).isLessThan(RelativeError.FLOAT32_BOUND));
    }
  }

  /** Backward reads nothing that a garbage collection frees (see AutogradSafe). */
  @Test
  void gradientsDoNotDependOnACollectionBeforeBackward() {
    SsdCase ssdCase = new SsdCase(2, 11, 2, 3, 1, 4, true, MaskMode.CARRY_STATE, 40);
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(ssdCase.valuesChangedByACollection(new ChunkedSsd(4), manager)).isEmpty();
    }
  }

  @Test
  void bothFollowTheRecurrenceByHand() {
    // Two heads of one channel and one state, B_t = C_t = 1, Δ = 1, x = (1, 2, 3) on both heads.
    // Head 0 has A = -1: h_t = e^-1·h_{t-1} + x_t. Head 1 has A = 0, no decay: h_t is the running
    // sum 1, 3, 6, and D = 0.5 adds 0.5·x_t: 1.5, 4, 7.5. Chunks of 2, the second one padded.
    double e1 = Math.exp(-1);
    double h1 = e1 + 2;
    double h2 = e1 * h1 + 3;
    float[] expected = {1, 1.5f, (float) h1, 4, (float) h2, 7.5f}; // (L, H) order
    for (SsdScan scan : List.of(new SequentialSsd(), new ChunkedSsd(2))) {
      try (NDManager manager = NDManager.newBaseManager()) {
        SsdInputs inputs =
            SsdInputs.builder()
                .setX(manager.create(new float[] {1, 1, 2, 2, 3, 3}, new Shape(1, 3, 2, 1)))
                .setDt(manager.ones(new Shape(1, 3, 2)))
                .setA(manager.create(new float[] {-1, 0}))
                .setB(manager.ones(new Shape(1, 3, 1)))
                .setC(manager.ones(new Shape(1, 3, 1)))
                .optD(manager.create(new float[] {0, 0.5f}))
                .build();
        SsdResult result = scan.apply(inputs);
        assertThat(result.y().toFloatArray())
            .as(scan.id())
            .containsExactly(expected, within(1e-6f));
        assertThat(result.lastState().toFloatArray())
            .as(scan.id())
            .containsExactly(new float[] {(float) h2, 6}, within(1e-6f));
      }
    }
  }

  @Test
  void prunedPositionsCarryOrDecayTheState() {
    // One head, A = -1, x = (1, 2, 3), the middle token pruned: y = 0 there; CARRY_STATE keeps
    // h = 1 so y_2 = e^-1 + 3, DECAY_ONLY decays it twice so y_2 = e^-2 + 3.
    double e1 = Math.exp(-1);
    for (MaskMode mode : MaskMode.values()) {
      float last = (float) ((mode == MaskMode.CARRY_STATE ? e1 : e1 * e1) + 3);
      for (SsdScan scan : List.of(new SequentialSsd(), new ChunkedSsd(2))) {
        try (NDManager manager = NDManager.newBaseManager()) {
          SsdInputs inputs =
              SsdInputs.builder()
                  .setX(manager.create(new float[] {1, 2, 3}, new Shape(1, 3, 1, 1)))
                  .setDt(manager.ones(new Shape(1, 3, 1)))
                  .setA(manager.create(new float[] {-1}))
                  .setB(manager.ones(new Shape(1, 3, 1)))
                  .setC(manager.ones(new Shape(1, 3, 1)))
                  .optKeptMask(manager.create(new float[] {1, 0, 1}, new Shape(1, 3)))
                  .optMaskMode(mode)
                  .build();
          assertThat(scan.apply(inputs).y().toFloatArray())
              .as("%s %s", scan.id(), mode)
              .containsExactly(new float[] {1, 0, last}, within(1e-6f));
        }
      }
    }
  }

  @Test
  void groupsAreSharedByConsecutiveHeads() {
    // 4 heads, 2 groups: heads 0, 1 read group 0 and heads 2, 3 group 1, the same as B and C
    // repeated by hand into one group per head.
    SsdCase grouped = new SsdCase(1, 6, 4, 2, 2, 3, true, null, 41);
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> arrays = grouped.arrays(manager);
      SsdResult expected = new SequentialSsd().apply(grouped.inputs(arrays));
      for (String name : List.of("b", "c")) {
        NDArray g0 = arrays.get(name).get(":, :, 0:1");
        NDArray g1 = arrays.get(name).get(":, :, 1:2");
        arrays.put(name, NDArrays.concat(new NDList(g0, g0, g1, g1), 2)); // (B, L, 4, N)
      }
      for (SsdScan scan : List.of(new SequentialSsd(), new ChunkedSsd(4))) {
        SsdResult perHead = scan.apply(grouped.inputs(arrays));
        assertThat(RelativeError.of(perHead.y(), expected.y()))
            .as(scan.id())
            .isLessThan(RelativeError.FLOAT32_BOUND);
      }
    }
  }

  @Property(tries = 15, seed = "20261127")
  void anAllOnesMaskIsNoMask(
      @ForAll("scans") SsdScan scan,
      @ForAll @IntRange(min = 1, max = 20) int length,
      @ForAll MaskMode mode,
      @ForAll boolean extras,
      @ForAll long seed) {
    try (NDManager manager = NDManager.newBaseManager()) {
      SsdCase masked = new SsdCase(2, length, 2, 3, 1, 4, extras, mode, seed);
      assertThat(masked.allOnesMaskErrors(scan, manager))
          .allSatisfy((name, error) -> assertThat(error).as(name).isLessThan(1e-6));
    }
  }

  @Provide
  Arbitrary<SsdScan> scans() {
    return Arbitraries.of(new SequentialSsd(), new ChunkedSsd(), new ChunkedSsd(3));
  }

  @Test
  void misshapenInputsAreNamed() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SsdInputs.Builder builder =
          SsdInputs.builder()
              .setX(manager.zeros(new Shape(1, 3, 4, 2)))
              .setDt(manager.zeros(new Shape(1, 3, 4)))
              .setA(manager.zeros(new Shape(4)))
              .setB(manager.zeros(new Shape(1, 3, 3, 2)))
              .setC(manager.zeros(new Shape(1, 3, 3, 2)));
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("G = 3 must divide the head count H = 4");
      builder.setB(manager.zeros(new Shape(1, 3, 2))).setC(manager.zeros(new Shape(1, 3, 2)));
      assertThat(builder.build().groups()).isEqualTo(1);
      assertThatThrownBy(() -> builder.setA(manager.zeros(new Shape(3))).build())
          .hasMessageContaining("a must have shape (4)");
      assertThatThrownBy(() -> new ChunkedSsd(0)).hasMessageContaining("chunkSize must be >= 1");
    }
  }
}
