package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.mambastream.backbones.zoo.ShippedModels;
import io.mambastream.ingest.fashion.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval fid} on real CSV files and on PNG folders through the shipped classifier. */
class EvalFidCommandTest {

  @TempDir Path dir;

  @Test
  void oneDimensionalCase() throws IOException {
    // a = {0, 2}: μ 1, σ² 2; b = {1, 5}: μ 3, σ² 8; FID = 4 + 2 + 8 - 2·√16 = 6.
    Path a = Files.writeString(dir.resolve("a.csv"), "feature\n0\n2\n");
    Path b = Files.writeString(dir.resolve("b.csv"), "1\n5\n");
    CommandRun text = CommandRun.of("eval", "fid", "--a", a.toString(), "--b", b.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("FID: 6.000000").contains("2 and 2 rows of 1 features");
    CommandRun json =
        CommandRun.of("eval", "fid", "--a", a.toString(), "--b", b.toString(), "--json");
    JsonNode node = JsonOutput.mapper().readTree(json.out());
    assertThat(node.get("fid").asDouble()).isCloseTo(6, within(1e-12));
    assertThat(node.get("trace_sqrt").asDouble()).isCloseTo(4, within(1e-12));
    assertThat(node.get("dimension").asInt()).isEqualTo(1);
  }

  @Test
  void badFilesExitWithTwo() throws IOException {
    Path a = Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
    Path one = Files.writeString(dir.resolve("one.csv"), "1,2\n");
    Path narrow = Files.writeString(dir.resolve("n.csv"), "1\n2\n");
    Path ragged = Files.writeString(dir.resolve("r.csv"), "1,2\n3\n");
    CommandRun run = CommandRun.of("eval", "fid", "--a", a.toString(), "--b", one.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("holds 1 feature row; need at least 2");
    run = CommandRun.of("eval", "fid", "--a", a.toString(), "--b", narrow.toString());
    assertThat(run.err()).contains("a.csv has 2 columns").contains("n.csv has 1");
    run = CommandRun.of("eval", "fid", "--a", a.toString(), "--b", ragged.toString());
    assertThat(run.err()).contains("r.csv:2: expected 2 values");
    run = CommandRun.of("eval", "fid", "--a", a.toString(), "--b", dir.resolve("x.csv").toString());
    assertThat(run.exitCode()).isEqualTo(2);
  }

  /** Writes items 0..n-1 of the bundled sample as gray PNGs, every pixel + shift (capped). */
  private Path samplePngs(String name, int n, int shift) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    FashionMnist sample = FashionMnist.bundledSample();
    for (int i = 0; i < n; i++) {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          image.getRaster().setSample(x, y, 0, Math.min(255, sample.pixel(i, y, x) + shift));
        }
      }
      ImageIO.write(image, "png", folder.resolve(String.format("%03d.png", i)).toFile());
    }
    return folder;
  }

  /** Runs {@code eval fid --real real --fake fake} followed by {@code more}. */
  private static CommandRun fidOf(String real, String fake, String... more) {
    List<String> line = new ArrayList<>(List.of("eval", "fid", "--real", real, "--fake", fake));
    line.addAll(List.of(more));
    return CommandRun.of(line.toArray(String[]::new));
  }

  private static JsonNode json(CommandRun run) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JsonOutput.mapper().readTree(run.out());
  }

  @Test
  void sameImagesGiveZeroAndTheCsvExportGivesTheSameNumber() throws IOException {
    Path x = samplePngs("x", 30, 0);
    Path real = dir.resolve("real.csv");
    Path fake = dir.resolve("fake.csv");
    JsonNode same =
        json(fidOf(x.toString(), x.toString(), "--json", "--features-out", real + "," + fake));
    assertThat(Math.abs(same.get("fid").asDouble())).isLessThan(1e-6);
    assertThat(same.get("dimension").asInt())
        .isEqualTo(ShippedModels.card("vim-tiny-fashion").config().embedDim());
    assertThat(same.get("rows_a").asInt()).isEqualTo(30);
    assertThat(same.get("model").asText()).isEqualTo("vim-tiny-fashion");
    assertThat(same.get("layer").asText()).contains("penultimate").contains("norm_f");
    // The exported features, read back by the CSV mode, give the same number to the bit.
    JsonNode csv =
        json(
            CommandRun.of("eval", "fid", "--a", real.toString(), "--b", fake.toString(), "--json"));
    assertThat(csv.get("fid").asDouble()).isEqualTo(same.get("fid").asDouble());
    assertThat(csv.get("trace_sqrt").asDouble()).isEqualTo(same.get("trace_sqrt").asDouble());
    // The idx items themselves (fashion-sample) are the same pictures as the PNGs.
    JsonNode idx = json(fidOf("fashion-sample", x.toString(), "--limit", "30", "--json"));
    assertThat(Math.abs(idx.get("fid").asDouble())).isLessThan(1e-6);
    assertThat(idx.get("real").asText()).contains("fashion-sample").contains("first 30");
  }

  @Test
  void brighterCopiesMoveFurtherAway() throws IOException {
    // Adding a constant to every pixel changes the inputs more the larger the constant; the
    // distance of the shifted copies from the originals must be positive and grow with it.
    Path x = samplePngs("x", 30, 0);
    CommandRun text = fidOf(x.toString(), samplePngs("s30", 30, 30).toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("features of vim-tiny-fashion, penultimate: norm_f at the class token")
        .contains("real: folder " + x + " (30 images)");
    double small = Double.parseDouble(text.out().lines().findFirst().orElseThrow().substring(5));
    JsonNode large = json(fidOf(x.toString(), samplePngs("s90", 30, 90).toString(), "--json"));
    assertThat(small).isGreaterThan(1e-3);
    assertThat(large.get("fid").asDouble()).isGreaterThan(small);
  }

  @Test
  void badImageInputsExitWithTwoAndNameTheFile() throws IOException {
    Path x = samplePngs("x", 3, 0);
    Path empty = Files.createDirectory(dir.resolve("empty"));
    CommandRun run = fidOf(x.toString(), empty.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("empty holds no .png, .jpg or .jpeg image");
    Path broken = samplePngs("broken", 3, 0);
    Files.write(broken.resolve("001.png"), new byte[] {1, 2, 3, 4});
    run = fidOf(x.toString(), broken.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(broken.resolve("001.png") + ": not a readable PNG or JPEG image");
    run = fidOf(x.toString(), x.toString(), "--limit", "1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("FID needs at least 2 images per side");
    run = fidOf(x.toString(), x.toString(), "--features-out", "a.csv");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--features-out needs two files");
  }

  @Test
  void theTwoModesAreExclusiveAndComplete() {
    CommandRun run =
        CommandRun.of("eval", "fid", "--a", "a.csv", "--b", "b.csv", "--real", "r", "--fake", "f");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
    run = CommandRun.of("eval", "fid", "--real", "r");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required argument").contains("--fake");
    run = CommandRun.of("eval", "fid");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void helpStatesTheLayerAndBothModes() {
    CommandRun run = CommandRun.of("eval", "fid", "--help");
    String help = run.out().replaceAll("\\s+", " ");
    assertThat(help)
        .contains("penultimate layer")
        .contains("--real")
        .contains("--a")
        .contains("fashion-test")
        .doesNotContain("not available yet");
  }
}
