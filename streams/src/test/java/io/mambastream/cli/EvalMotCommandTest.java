package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalMotCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = MambastreamCommand.commandLine();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    return line.execute(args);
  }

  @Test
  void printsOneJsonObjectWithSequencesAndOverall() throws Exception {
    Path gt = dir.resolve("gt");
    Path pred = dir.resolve("pred");
    // Sequence A: one object in two frames, predicted exactly (all perfect). Sequence B: one object
    // in one frame, its only prediction is 100 pixels away (one FN, one FP: MOTA 1 - 2/1 = -1).
    write(gt.resolve("A/gt/gt.txt"), "1,1,1,1,10,10,1,1,1", "2,1,2,1,10,10,1,1,1");
    write(pred.resolve("A.txt"), "1,7,1,1,10,10,0.9,-1,-1,-1", "2,7,2,1,10,10,0.8,-1,-1,-1");
    write(gt.resolve("B.txt"), "1,1,1,1,10,10,1");
    write(pred.resolve("B.txt"), "1,3,101,1,10,10,1");
    int code = run("eval", "mot", "--gt", gt.toString(), "--pred", pred.toString(), "--json");
    assertThat(code).as(err.toString()).isZero();
    JsonNode json = JsonOutput.mapper().readTree(out.toString());
    assertThat(json.get("sequences").get("A").get("mota").asDouble()).isEqualTo(1.0);
    assertThat(json.get("sequences").get("A").get("HOTA").asDouble()).isEqualTo(1.0);
    assertThat(json.get("sequences").get("B").get("mota").asDouble()).isEqualTo(-1.0);
    assertThat(json.get("sequences").get("B").get("motp").isNull()).isTrue();
    // OVERALL: 3 GT boxes, 1 FN, 1 FP: MOTA 1 - 2/3; MOTP is NaN (motmetrics' merge quirk).
    assertThat(json.get("overall").get("mota").asDouble()).isEqualTo(1 - 2.0 / 3);
    assertThat(json.get("overall").get("num_objects").asInt()).isEqualTo(3);
    assertThat(json.get("overall").get("motp").isNull()).isTrue();
  }

  @Test
  void printsTablesAndReportsBadInputWithExitCodeTwo() throws Exception {
    Path gt = write(dir.resolve("g.txt"), "1,1,1,1,10,10,1");
    Path pred = write(dir.resolve("p.txt"), "1,1,1,1,10,10");
    assertThat(run("eval", "mot", "--gt", gt.toString(), "--pred", pred.toString())).isZero();
    assertThat(out.toString())
        .contains("IDF1", "MOTA", "HOTA", "AssA")
        .containsPattern("(?m)^g +100\\.0%")
        .containsPattern("(?m)^OVERALL +100\\.0%");
    write(pred, "1,1,1,1,10");
    assertThat(run("eval", "mot", "--gt", gt.toString(), "--pred", pred.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(pred + ":1: expected at least 6 fields");
  }

  private static Path write(Path file, String... lines) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines));
    return file;
  }
}
