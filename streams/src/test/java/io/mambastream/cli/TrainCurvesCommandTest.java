package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mambastream.backbones.train.EpochMetrics;
import io.mambastream.backbones.train.MetricsCsv;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCurvesCommandTest {

  @Test
  void drawsBothChartsOfARunDirectory(@TempDir Path run) throws Exception {
    MetricsCsv.write(
        run.resolve("metrics.csv"),
        List.of(
            new EpochMetrics(1, 1.2, 0.6, 0.7, 0.75, 0.001, 17),
            new EpochMetrics(2, 0.8, 0.85, 0.4, 0.88, 0.002, 17),
            new EpochMetrics(3, 0.7, 0.9, 0.3, 0.91, 1e-6, 17)));
    CommandRun result = CommandRun.of("train", "curves", run.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    Path png = run.resolve("curves.png");
    assertThat(result.out().strip()).isEqualTo(png.toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(2 * 560); // loss and accuracy side by side
    assertThat(image.getHeight()).isEqualTo(400);
  }

  @Test
  void aFileThatIsNotAMetricsCsvFailsWithItsName(@TempDir Path dir) throws Exception {
    Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n");
    CommandRun result = CommandRun.of("train", "curves", other.toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("other.csv").contains("not a metrics.csv");
    assertThat(dir.resolve("curves.png")).doesNotExist();
  }
}
