package io.mambastream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GpuNameTest {

  @Test
  void readsNvidiaSmisCsvLine() {
    assertThat(GpuName.fromNvidiaSmi("NVIDIA H100 80GB HBM3, 81559 MiB, 570.133.20\n"))
        .isEqualTo("NVIDIA H100 80GB HBM3, 81559 MiB, driver 570.133.20");
  }

  @Test
  void keepsAnUnexpectedLineAsItIs() {
    assertThat(GpuName.fromNvidiaSmi("  No devices were found\n"))
        .isEqualTo("No devices were found");
  }
}
