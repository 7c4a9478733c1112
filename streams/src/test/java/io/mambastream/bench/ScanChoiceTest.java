package io.mambastream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.Device;
import io.mambastream.backbones.cuda.CudaLibrary;
import org.junit.jupiter.api.Test;

/** Which scan each choice gives on each device; a GPU descriptor needs no GPU to resolve. */
class ScanChoiceTest {

  @Test
  void autoIsTheFusedKernelOnTheCpu() {
    assertThat(ScanChoice.AUTO.resolve(Device.cpu(), 1).id()).isEqualTo("fused");
  }

  @Test
  void autoIsTheChunkedScanOnAGpuWithoutTheCudaOperator() {
    assumeFalse(CudaLibrary.isAvailable(), "the native CUDA library is loaded here");
    assertThat(ScanChoice.AUTO.resolve(Device.gpu(), 1).id()).isEqualTo("chunked");
  }

  @Test
  void namedScansResolveOnEveryDevice() {
    for (Device device : new Device[] {Device.cpu(), Device.gpu()}) {
      assertThat(ScanChoice.CHUNKED.resolve(device, 1).id()).isEqualTo("chunked");
      assertThat(ScanChoice.SEQUENTIAL.resolve(device, 1).id()).isEqualTo("sequential");
    }
    assertThat(ScanChoice.FUSED.resolve(Device.cpu(), 2).id()).isEqualTo("fused");
  }

  @Test
  void theFusedCpuKernelIsRefusedOnAGpu() {
    assertThatThrownBy(() -> ScanChoice.FUSED.resolve(Device.gpu(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CPU float[] kernel");
  }

  @Test
  void cudaNeedsAGpuAndSaysWhyItIsMissing() {
    assertThatThrownBy(() -> ScanChoice.CUDA.resolve(Device.cpu(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--scan cuda needs --device gpu");
    assumeFalse(CudaLibrary.isAvailable(), "the native CUDA library is loaded here");
    assertThatThrownBy(() -> ScanChoice.CUDA.resolve(Device.gpu(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--scan cuda: the native CUDA library is not available");
  }

  @Test
  void parsesOptionValuesInAnyCase() {
    assertThat(ScanChoice.parse("Chunked")).isEqualTo(ScanChoice.CHUNKED);
    assertThat(ScanChoice.parse("auto")).isEqualTo(ScanChoice.AUTO);
    assertThatThrownBy(() -> ScanChoice.parse("flash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 'flash'");
  }
}
