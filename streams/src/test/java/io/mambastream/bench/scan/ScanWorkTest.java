package io.mambastream.bench.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mambastream.bench.CpuPeaks;
import org.junit.jupiter.api.Test;

/** Work counts and floor arithmetic worked by hand on a tiny shape. */
class ScanWorkTest {

  @Test
  void countsAndFloorByHand() {
    // B=1, D=2, L=3, N=4: 24 updates, 6 outputs. flops 6·24 + 10·6 = 204; exps 24 + 3·6 = 42;
    // bytes 4·(4·6 + 2·1·4·3 + 2·4 + 2·2 + 1·2·4) = 4·68 = 272.
    ScanShape shape = new ScanShape(1, 2, 3, 4);
    // Peaks: 204 flop/ms, 42 exp/ms, 272 byte/ms: compute 1 + 1 ms, memory 1 ms, floor 2 ms.
    CpuPeaks peaks = new CpuPeaks(1, 512, 204e3, 42e3, 272e3);
    ScanWork work = ScanWork.of("fused", shape, 8.0, peaks);
    assertThat(work.flops()).isEqualTo(204);
    assertThat(work.exps()).isEqualTo(42);
    assertThat(work.bytes()).isEqualTo(272);
    assertThat(work.floorMs()).isCloseTo(2.0, within(1e-12));
    assertThat(work.percentOfFloor()).isCloseTo(25.0, within(1e-9));
    assertThat(work.flopsPercentOfPeak()).isCloseTo(12.5, within(1e-9));
    assertThat(work.bandwidthPercentOfPeak()).isCloseTo(12.5, within(1e-9));
  }

  @Test
  void shapesParse() {
    assertThat(ScanShape.parse(" 8X384x1025x16 ")).isEqualTo(new ScanShape(8, 384, 1025, 16));
    assertThat(ScanShape.parse("1x384x197x16").text()).isEqualTo("1x384x197x16");
    assertThatThrownBy(() -> ScanShape.parse("1x0x1x1")).hasMessageContaining("positive");
    assertThatThrownBy(() -> ScanShape.parse("1xAx1x1")).hasMessageContaining("positive integers");
  }
}
