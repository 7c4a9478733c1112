package io.mambastream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PeakMemoryTest {

  @Test
  void theCpuUsesTheResidentSetPeakWhichCoversWhatIsResidentInTheWindow() {
    assumeTrue(PeakRss.isAvailable(), "no /proc/self/clear_refs");
    PeakMemory memory = PeakMemory.of(Device.cpu());
    assertThat(memory.method()).isEqualTo(PeakMemory.PROCESS_RSS);
    try (PeakMemory.Window window = memory.open()) {
      // Off the Java heap, whose pages may be resident already: a fresh mapping, every page
      // touched. The JVM may give memory back meanwhile (the collector uncommits), so the peak is
      // checked against the resident set after the touch, not against start + 64 MiB; 1 MiB of
      // slack for the kernel's per-CPU counters.
      ByteBuffer touched = ByteBuffer.allocateDirect(64 << 20);
      for (int i = 0; i < touched.capacity(); i += 4096) {
        touched.put(i, (byte) 1);
      }
      double resident = PeakRss.currentMb();
      assertThat(window.peakMb())
          .isGreaterThan(Math.max(window.startMb(), resident) - 1)
          .isGreaterThan(64);
      assertThat(touched.get(4096)).isEqualTo((byte) 1);
    }
  }

  @Test
  void aGpuWithoutCudaGivesNoMeasureAndSaysWhy() {
    assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
    PeakMemory memory = PeakMemory.of(Device.gpu());

    assertThat(memory.method()).isEqualTo(PeakMemory.NONE);
    assertThat(memory.problem()).contains("getGpuMemory failed");
    try (PeakMemory.Window window = memory.open()) {
      assertThat(window.peakMb()).isNaN();
      assertThat(window.startMb()).isNaN();
    }
  }

  @Test
  void readsNvidiaSmisMebibytes() {
    assertThat(PeakMemory.NvidiaSmiSampler.parse("81234\n")).isEqualTo(81234);
    assertThat(PeakMemory.NvidiaSmiSampler.parse("[N/A]")).isEqualTo(-1);
  }
}
