package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval miou} on real PNG folders. */
class EvalMiouCommandTest {

  @TempDir Path dir;

  private static void writeGray(Path file, int... values) throws IOException {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setPixels(0, 0, 2, 2, values);
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  @BeforeEach
  void twoImages() throws IOException {
    // The hand case of SegmentationAreasTest: IoU (1/2, 2/3, 1/2), Acc (2/3, 1, 1/2), aAcc 5/7.
    writeGray(dir.resolve("gt/1.png"), 0, 0, 1, 255);
    writeGray(dir.resolve("pred/1.png"), 0, 1, 1, 2);
    writeGray(dir.resolve("gt/2.png"), 2, 2, 1, 0);
    writeGray(dir.resolve("pred/2.png"), 2, 0, 1, 0);
  }

  private String[] args(String... extra) {
    String[] base = {
      "eval", "miou", "--gt", dir.resolve("gt").toString(), "--pred", dir.resolve("pred").toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void printsTablesTimesOneHundred() {
    CommandRun run = CommandRun.of(args("--classes", "4", "--class-names", "bg,cat,dog,cow"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    // Class 3 never occurs: nan, left out of the means. mIoU = (50 + 66.67 + 50) / 3 = 55.56.
    assertThat(run.out())
        .contains("|  cow  |  nan  |  nan   |")
        .contains("|  cat  | 66.67 | 100.00 |")
        .contains("| 71.43 | 55.56 | 72.22 |")
        .contains("Summary (2 images)");
  }

  @Test
  void jsonHoldsFullPrecisionAndNullForNan() throws IOException {
    CommandRun run = CommandRun.of(args("--classes", "4", "--json"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JsonOutput.mapper().readTree(run.out());
    assertThat(json.get("mIoU").asDouble())
        .isCloseTo(100 * (0.5 + 2.0 / 3 + 0.5) / 3, within(1e-12));
    assertThat(json.get("aAcc").asDouble()).isCloseTo(100 * 5.0 / 7, within(1e-12));
    assertThat(json.get("images").asInt()).isEqualTo(2);
    JsonNode cow = json.get("per_class").get(3);
    assertThat(cow.get("IoU").isNull()).isTrue();
    assertThat(cow.get("union").asLong()).isZero();
    assertThat(json.get("per_class").get(1).get("IoU").asDouble())
        .isCloseTo(200.0 / 3, within(1e-12));
  }

  @Test
  void badInputExitsWithTwoAndAMessage() throws IOException {
    Files.delete(dir.resolve("pred/2.png"));
    CommandRun run = CommandRun.of(args("--classes", "3"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unpaired label files: 2.png (no prediction)");
    CommandRun names = CommandRun.of(args("--classes", "3", "--class-names", "a,b"));
    assertThat(names.exitCode()).isEqualTo(2);
    assertThat(names.err()).contains("--class-names has 2 names for 3 classes");
  }
}
