package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mambastream.ingest.scenes.SceneSplit;
import io.mambastream.ingest.scenes.dataset.SceneDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataScenesCommandTest {

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = MambastreamCommand.commandLine();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int code = line.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void writesTheLayoutAndPrintsOneJsonObject(@TempDir Path dir) throws IOException {
    Result result =
        run(
            "data",
            "scenes",
            "--split",
            "val",
            "--clips",
            "2",
            "--frames",
            "3",
            "--size",
            "64",
            "--seed-offset",
            "7",
            "--sample-items",
            "--out",
            dir.toString(),
            "--json",
            "--preview",
            dir.resolve("preview.png").toString(),
            "--preview-frame",
            "2");
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode summary = JsonOutput.mapper().readTree(result.out());
    assertThat(summary.get("split").asText()).isEqualTo("val");
    assertThat(summary.get("clips").asInt()).isEqualTo(2);
    assertThat(summary.get("frames").asInt()).isEqualTo(6);
    assertThat(summary.get("first_seed").asLong()).isEqualTo(SceneSplit.VAL.seed(7));
    assertThat(summary.get("width").asInt()).isEqualTo(64);
    Path split = dir.resolve("val");
    assertThat(summary.get("annotations").asText())
        .isEqualTo(split.resolve("annotations.json").toString());
    for (String clip : new String[] {"val-000007", "val-000008"}) {
      assertThat(split.resolve(clip + "/img1/000003.png")).isRegularFile();
      assertThat(split.resolve(clip + "/semantic/000003.png")).isRegularFile();
      assertThat(split.resolve(clip + "/gt/gt.txt")).isRegularFile();
      assertThat(split.resolve(clip + "/seqinfo.ini")).isRegularFile();
    }
    SceneDataset dataset = SceneDataset.read(split);
    assertThat(dataset.coco().images()).hasSize(6);
    assertThat(dataset.coco().annotations()).hasSize(summary.get("objects").asInt());
    assertThat(dataset.image("val-000008", 3)).hasSize(64 * 64 * 3);
    // The preview is the frame enlarged twice.
    assertThat(javax.imageio.ImageIO.read(dir.resolve("preview.png").toFile()).getWidth())
        .isEqualTo(128);
    // The progress bar went to stderr and ended at 6 of 6 frames.
    assertThat(result.err()).contains("6/6");
  }

  @Test
  void badInputExitsWithTwo(@TempDir Path dir) throws IOException {
    Result badSplit =
        run("data", "scenes", "--split", "dev", "--clips", "1", "--out", dir.toString());
    assertThat(badSplit.code()).isEqualTo(2);
    assertThat(badSplit.err()).contains("unknown split 'dev'");
    Result zero =
        run(
            "data",
            "scenes",
            "--split",
            "test",
            "--clips",
            "0",
            "--sample-items",
            "--out",
            dir.toString());
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("at least 1");
    Files.createDirectories(dir.resolve("test"));
    Files.writeString(dir.resolve("test/keep.txt"), "x");
    Result occupied =
        run(
            "data",
            "scenes",
            "--split",
            "test",
            "--clips",
            "1",
            "--frames",
            "1",
            "--size",
            "32",
            "--sample-items",
            "--out",
            dir.toString());
    assertThat(occupied.code()).isEqualTo(2);
    assertThat(occupied.err()).contains("already holds files");
  }

  @Test
  void helpDescribesTheLayout() {
    Result help = run("data", "scenes", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("annotations.json", "gt/gt.txt", "semantic/000001.png");
  }
}
