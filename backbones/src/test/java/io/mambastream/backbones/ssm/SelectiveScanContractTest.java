package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link SelectiveScan}: every implementation in {@link #implementations()} gives
 * the results of {@link SequentialScan}, forward, on random shapes with and without masks.
 */
class SelectiveScanContractTest {

  /** The implementations under test; add a new one here. */
  static List<SelectiveScan> implementations() {
    return List.of(
        new ChunkedScan(),
        new ChunkedScan(5, ChunkedScan.IntraChunk.RECURRENCE),
        new ChunkedScan(1, ChunkedScan.IntraChunk.RECURRENCE),
        new ChunkedScan(6, ChunkedScan.IntraChunk.DECAY_MATRIX),
        new ChunkedScan(1, ChunkedScan.IntraChunk.DECAY_MATRIX),
        FusedScan.builder().build(),
        FusedScan.builder().optVectors(false).optThreads(1).build());
  }

  /** Eight random cases: B in 1..3, D in 1..6, L in 1..40, N in 1..8, any options and mask. */
  static List<ScanCase> randomCases() {
    Random random = new Random(2026);
    MaskMode[] masks = {null, MaskMode.CARRY_STATE, MaskMode.DECAY_ONLY};
    List<ScanCase> cases = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      cases.add(
          new ScanCase(
              1 + random.nextInt(3),
              1 + random.nextInt(6),
              1 + random.nextInt(40),
              1 + random.nextInt(8),
              random.nextBoolean(),
              masks[random.nextInt(masks.length)],
              random.nextLong()));
    }
    return cases;
  }

  static Stream<Arguments> implementationsAndCases() {
    return implementations().stream()
        .flatMap(scan -> randomCases().stream().map(scanCase -> Arguments.of(scan, scanCase)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("implementationsAndCases")
  void matchesTheSequentialScan(SelectiveScan scan, ScanCase scanCase) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> expected = scanCase.forward(new SequentialScan(), manager);
      Map<String, NDArray> actual = scanCase.forward(scan, manager);
      assertThat(RelativeError.ofEach(actual, expected))
          .allSatisfy(
              (name, error) -> assertThat(error).as(name).isLessThan(RelativeError.FLOAT32_BOUND));
    }
  }

  @Property(tries = 20, seed = "20261127")
  void anAllOnesMaskIsNoMask(
      @ForAll("scans") SelectiveScan scan,
      @ForAll @IntRange(min = 1, max = 24) int length,
      @ForAll MaskMode mode,
      @ForAll boolean extras,
      @ForAll long seed) {
    try (NDManager manager = NDManager.newBaseManager()) {
      ScanCase masked = new ScanCase(2, 3, length, 4, extras, mode, seed);
      assertThat(masked.allOnesMaskErrors(scan, manager))
          .allSatisfy((name, error) -> assertThat(error).as(name).isLessThan(1e-6));
    }
  }

  @Provide
  Arbitrary<SelectiveScan> scans() {
    List<SelectiveScan> all = new ArrayList<>(implementations());
    all.add(new SequentialScan());
    return Arbitraries.of(all);
  }
}
