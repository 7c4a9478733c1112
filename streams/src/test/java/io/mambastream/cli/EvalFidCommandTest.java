package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval fid} on real CSV files. */
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

  @Test
  void helpSaysImageFoldersComeLater() {
    CommandRun run = CommandRun.of("eval", "fid", "--help");
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("image folders")
        .contains("not available yet");
  }
}
