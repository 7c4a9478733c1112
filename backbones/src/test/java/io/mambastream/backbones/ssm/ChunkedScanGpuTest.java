package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mambastream.backbones.cuda.RequiresGpu;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunked scan on a CUDA device, forward and backward, against the sequential reference on the
 * CPU: the same seeded inputs (drawn by java.util.Random, so identical on both devices).
 */
@RequiresGpu
class ChunkedScanGpuTest {

  static Stream<ScanCase> cases() {
    return Stream.of(
        // several chunks, the last one partial (37 = 2·16 + 5), every optional input
        new ScanCase(2, 8, 37, 4, true, null, 21),
        // no optional inputs, L shorter than a chunk
        new ScanCase(1, 4, 7, 3, false, null, 22),
        // the kept-mask in both modes
        new ScanCase(2, 8, 37, 4, true, MaskMode.CARRY_STATE, 23),
        new ScanCase(2, 8, 37, 4, true, MaskMode.DECAY_ONLY, 24),
        // a Vim-Ti layer's width and state at 224 px (L = 197)
        new ScanCase(1, 384, 197, 16, true, null, 25));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forwardAndGradientsOnTheGpuMatchTheSequentialScanOnTheCpu(ScanCase scanCase) {
    try (NDManager cpu = NDManager.newBaseManager(Device.cpu());
        NDManager gpu = NDManager.newBaseManager(Device.gpu())) {
      Map<String, NDArray> expected = scanCase.withGradients(new SequentialScan(), cpu);
      Map<String, NDArray> actual = scanCase.withGradients(new ChunkedScan(), gpu);

      assertThat(actual.get("y").getDevice()).isEqualTo(Device.gpu());
      assertThat(actual.get("grad x").getDevice()).isEqualTo(Device.gpu());
      assertThat(RelativeError.ofEach(actual, expected))
          .allSatisfy(
              (name, error) -> assertThat(error).as(name).isLessThan(RelativeError.FLOAT32_BOUND));
    }
  }
}
