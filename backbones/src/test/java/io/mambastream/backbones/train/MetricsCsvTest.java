package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {

  @Test
  void readsWhatItWrote(@TempDir Path dir) throws IOException {
    List<EpochMetrics> history =
        List.of(
            new EpochMetrics(1, 1.5, 0.25, 1.25, 0.5, 0.002, 16.5),
            new EpochMetrics(2, 0.75, 0.875, 0.5, 0.9375, 1e-6, 17));
    Path file = dir.resolve("metrics.csv");
    MetricsCsv.write(file, history);
    assertThat(file)
        .content()
        .startsWith(
            MetricsCsv.HEADER + "\n1,1.500000,0.250000,1.250000,0.500000,0.0020000000,16.500");
    assertThat(MetricsCsv.read(file)).containsExactlyElementsOf(history);
  }

  @Test
  void readsARowOfTheShippedRunsFormat(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(
        file, MetricsCsv.HEADER + "\n63,0.581,0.963,0.2615,0.94,8.3831652e-05,15.972\n\n");
    assertThat(MetricsCsv.read(file))
        .containsExactly(new EpochMetrics(63, 0.581, 0.963, 0.2615, 0.94, 8.3831652e-05, 15.972));
  }

  @Test
  void aWrongHeaderOrRowNamesTheFileAndLine(@TempDir Path dir) throws IOException {
    Path other = dir.resolve("other.csv");
    Files.writeString(other, "a,b\n1,2\n");
    assertThatThrownBy(() -> MetricsCsv.read(other))
        .hasMessageContaining("other.csv")
        .hasMessageContaining("not a metrics.csv");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad, MetricsCsv.HEADER + "\n1,0.5,0.5,0.5,0.5,0.001,1\n2,0.5,x,0.5,0.5,0.001,1\n");
    assertThatThrownBy(() -> MetricsCsv.read(bad)).hasMessageContaining("bad.csv line 3");
  }
}
