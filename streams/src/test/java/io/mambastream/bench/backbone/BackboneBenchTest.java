package io.mambastream.bench.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.Device;
import io.mambastream.backbones.cuda.CudaLibrary;
import org.junit.jupiter.api.Test;

class BackboneBenchTest {

  @Test
  void autoIsTheFusedKernelOnTheCpuAndTheChunkedScanOnAGpuWithoutTheCudaOperator() {
    assertThat(BackboneBench.scanFor("auto", Device.cpu(), 1).id()).isEqualTo("fused");
    assumeFalse(CudaLibrary.isAvailable(), "the native CUDA library is loaded here");
    // A GPU descriptor needs no GPU to resolve a scan.
    assertThat(BackboneBench.scanFor("auto", Device.gpu(), 1).id()).isEqualTo("chunked");
  }

  @Test
  void namedNDArrayScansResolveOnEveryDevice() {
    for (Device device : new Device[] {Device.cpu(), Device.gpu()}) {
      assertThat(BackboneBench.scanFor("chunked", device, 1).id()).isEqualTo("chunked");
      assertThat(BackboneBench.scanFor("sequential", device, 1).id()).isEqualTo("sequential");
    }
  }

  @Test
  void theFusedCpuKernelIsRefusedOnAGpuAndCudaOnTheCpu() {
    assertThatThrownBy(() -> BackboneBench.scanFor("fused", Device.gpu(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CPU float[] kernel");
    assertThatThrownBy(() -> BackboneBench.scanFor("cuda", Device.cpu(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--scan cuda needs --device gpu");
  }

  @Test
  void cudaWithoutTheNativeLibrarySaysWhy() {
    assumeFalse(CudaLibrary.isAvailable(), "the native CUDA library is loaded here");
    assertThatThrownBy(() -> BackboneBench.scanFor("cuda", Device.gpu(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--scan cuda: the native CUDA library is not available: ");
  }

  @Test
  void anUnknownScanIsRefused() {
    assertThatThrownBy(() -> BackboneBench.scanFor("flash", Device.cpu(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scan 'flash'");
  }
}
