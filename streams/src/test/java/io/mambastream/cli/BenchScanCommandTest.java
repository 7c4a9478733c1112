package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench scan} end to end on tiny shapes: exit codes, the JSON contract, table and chart. */
class BenchScanCommandTest {

  @Test
  void jsonFollowsTheBenchContract(@TempDir Path dir) throws Exception {
    Path chart = dir.resolve("charts/scan.png");
    CommandRun run =
        CommandRun.of(
            "bench",
            "scan",
            "--quick",
            "--no-torch",
            "--json",
            "--shapes",
            "1x16x9x4,2x8x5x3",
            "--chart",
            chart.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(run.out());
    assertThat(report.get("benchmark").asText()).isEqualTo("scan");
    assertThat(report.get("command").asText()).contains("bench scan --quick");
    assertThat(report.get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    JsonNode machine = report.get("machine");
    for (String key : List.of("cpu", "cores", "jvm", "djl_engine", "djl_device")) {
      assertThat(machine.has(key)).as(key).isTrue();
    }
    assertThat(machine.get("djl_engine").asText()).startsWith("PyTorch");

    List<String> names = new ArrayList<>();
    for (JsonNode row : report.get("rows")) {
      names.add(row.get("name").asText() + "@" + row.get("params").get("L").asInt());
      for (String key : List.of("B", "D", "L", "N")) {
        assertThat(row.get("params").has(key)).as(key).isTrue();
      }
      double median = row.get("median_ms").asDouble();
      assertThat(median).isBetween(row.get("min_ms").asDouble(), row.get("max_ms").asDouble());
      assertThat(row.get("runs").asInt()).isEqualTo(3);
      assertThat(row.get("per_s").asDouble())
          .isCloseTo(1000 / median, org.assertj.core.data.Offset.offset(1e-6 * 1000 / median));
    }
    assertThat(names)
        .containsExactly(
            "fused@9",
            "fused-1t@9",
            "fused-ndarray@9",
            "sequential@9",
            "chunked@9",
            "ssd@9",
            "fused@5",
            "fused-1t@5",
            "fused-ndarray@5",
            "sequential@5",
            "chunked@5",
            "ssd@5");

    JsonNode floor = report.get("floor");
    assertThat(floor.get("peaks")).hasSize(Runtime.getRuntime().availableProcessors() == 1 ? 1 : 2);
    assertThat(floor.get("peaks").get(0).get("flops_per_s").asDouble()).isPositive();
    assertThat(floor.get("rows")).hasSize(4);
    // 1x16x9x4: 576 updates and 144 outputs, so 6·576 + 10·144 flops (see ScanWork).
    assertThat(floor.get("rows").get(0).get("flops").asDouble()).isEqualTo(6 * 576 + 10 * 144);

    assertThat(Files.readAllBytes(chart)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void tablePrintsRatiosAndNotes() {
    CommandRun run =
        CommandRun.of("bench", "scan", "--quick", "--no-torch", "--rows", "fused,sequential");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("x sequential", "x torch-loop", "peaks on", "note: fused vs sequential");
    // The sequential row against itself is exactly 1.
    assertThat(run.out().lines().filter(l -> l.startsWith("sequential")).findFirst().orElseThrow())
        .contains("1.00");
  }

  @Test
  void badArgumentsExitWithTwo() {
    CommandRun shape = CommandRun.of("bench", "scan", "--quick", "--shapes", "1x2x3");
    assertThat(shape.exitCode()).isEqualTo(2);
    assertThat(shape.err()).contains("a shape is BxDxLxN");
    CommandRun row = CommandRun.of("bench", "scan", "--quick", "--rows", "fused,warp-drive");
    assertThat(row.exitCode()).isEqualTo(2);
    assertThat(row.err()).contains("unknown row 'warp-drive'");
  }

  @Test
  void torchLoopRowComesFromThePythonReference() throws Exception {
    assumeTrue(hasTorch(), "/usr/bin/python3 with torch is not installed");
    CommandRun run =
        CommandRun.of(
            "bench", "scan", "--quick", "--json", "--rows", "fused,torch-loop", "--threads", "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(run.out());
    JsonNode torch = report.get("rows").get(1);
    assertThat(torch.get("name").asText()).isEqualTo("torch-loop");
    assertThat(torch.get("params").get("D").asInt()).isEqualTo(16);
    assertThat(torch.get("runs").asInt()).isEqualTo(3);
  }

  @Test
  void missingPythonOmitsTheTorchRowWithANote() throws Exception {
    CommandRun run =
        CommandRun.of(
            "bench",
            "scan",
            "--quick",
            "--json",
            "--rows",
            "fused,torch-loop",
            "--python",
            "/nonexistent/python3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(run.out());
    assertThat(report.get("rows")).hasSize(1);
    assertThat(report.get("notes").toString()).contains("torch-loop omitted");
  }

  private static boolean hasTorch() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
      return false;
    }
    Process process = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").start();
    return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
  }
}
