package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchBackboneCommandTest {

  @Test
  void printsOneRowPerModelSizeAndBatchAsJson(@TempDir Path dir) throws Exception {
    Path chart = dir.resolve("chart.png");
    CommandRun run =
        quickRun(
            "--json",
            "--sizes",
            "32",
            "--batches",
            "1,2",
            "--no-torch",
            "--chart",
            chart.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(run.out());
    assertThat(report.path("benchmark").asText()).isEqualTo("backbone");
    assertThat(report.path("command").asText()).startsWith("mambastream bench backbone --json");
    assertThat(report.path("machine").path("djl_engine").asText()).startsWith("PyTorch");
    List<String> ids = new ArrayList<>();
    for (JsonNode row : report.path("rows")) {
      ids.add(row.path("name").asText() + "@" + row.path("params").path("batch").asInt());
      assertThat(row.path("params").path("px").asInt()).isEqualTo(32);
      assertThat(row.path("runs").asInt()).isEqualTo(1);
      double median = row.path("median_ms").asDouble();
      assertThat(median).isPositive();
      assertThat(row.path("min_ms").asDouble()).isEqualTo(median); // one run: min = median = max
      assertThat(row.path("per_s").asDouble())
          .isCloseTo(row.path("params").path("batch").asInt() * 1000 / median, within(1e-9));
      assertThat(row.path("cpu_ms").asDouble()).isPositive();
      // The kernel's resident-set counters are approximate (per-CPU batches), so a peak read
      // after a quiet row may trail the start by a fraction of a MiB.
      assertThat(row.path("peak_mb").asDouble())
          .isGreaterThan(row.path("start_mb").asDouble() - 1)
          .isPositive();
    }
    assertThat(ids).containsExactly("vim-tiny@1", "deit-tiny@1", "vim-tiny@2", "deit-tiny@2");
    assertThat(Files.size(chart)).isPositive();
  }

  @Test
  void printsATableWithTheRatioToDeit() {
    CommandRun run = quickRun("--sizes", "32", "--batches", "1", "--no-torch");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("vim-tiny", "deit-tiny", "x deit-tiny", "px=32", "cpu_ms", "peak_mb")
        .doesNotContain("\"rows\"");
  }

  @Test
  void measuresOnlyTheSelectedRows() throws Exception {
    CommandRun run = quickRun("--json", "--rows", "deit-tiny", "--sizes", "32", "--batches", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode rows = JsonOutput.mapper().readTree(run.out()).path("rows");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("name").asText()).isEqualTo("deit-tiny");
  }

  @Test
  void rejectsUnknownRows() {
    CommandRun run = CommandRun.of("bench", "backbone", "--rows", "resnet", "--no-torch");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown row resnet");
  }

  @Test
  void rejectsSizesThatAreNotMultiplesOfThePatch() {
    CommandRun run = CommandRun.of("bench", "backbone", "--sizes", "30", "--no-torch");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("multiples of 16");
  }

  @Test
  void theDeviceAndScanAreOptionsAndTheRowsSayHowTheyRan() throws Exception {
    CommandRun run =
        quickRun(
            "--json",
            "--device",
            "cpu",
            "--scan",
            "chunked",
            "--px",
            "32",
            "--batch",
            "2",
            "--no-torch");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(run.out());
    assertThat(report.path("machine").path("device").asText()).isEqualTo("cpu()");
    JsonNode rows = report.path("rows");
    assertThat(rows).hasSize(2);
    JsonNode vim = rows.get(0);
    assertThat(vim.path("name").asText()).isEqualTo("vim-tiny");
    assertThat(vim.path("params").path("scan").asText()).isEqualTo("chunked");
    assertThat(vim.path("params").path("mem").asText()).isEqualTo("process-rss-peak");
    assertThat(rows.get(1).path("params").has("scan")).isFalse(); // DeiT has no scan
    assertThat(vim.has("error")).isFalse();
    assertThat(report.path("notes").toString()).contains("[chunked(T=16, RECURRENCE)] on cpu()");
  }

  @Test
  void everyScanGivesAVimRowAndScansThatResolveAlikeGiveOne() throws Exception {
    CommandRun run =
        quickRun(
            "--json", "--scan", "auto,fused,chunked", "--px", "32", "--batch", "1,2", "--no-torch");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> ids = new ArrayList<>();
    for (JsonNode row : JsonOutput.mapper().readTree(run.out()).path("rows")) {
      ids.add(
          row.path("name").asText()
              + " "
              + row.path("params").path("scan").asText("-")
              + " @"
              + row.path("params").path("batch").asInt());
    }
    // auto is the fused kernel on the CPU: one row for both. The first scan and DeiT first, then
    // the further scan over the same cases.
    assertThat(ids)
        .containsExactly(
            "vim-tiny fused @1",
            "deit-tiny - @1",
            "vim-tiny fused @2",
            "deit-tiny - @2",
            "vim-tiny chunked @1",
            "vim-tiny chunked @2");
  }

  @Test
  void casesPastTheTotalTimeBudgetBecomeRowsWithAnError() throws Exception {
    CommandRun run =
        quickRun(
            "--json", "--px", "32", "--batch", "1,2", "--no-torch", "--max-total-seconds", "1e-9");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode rows = JsonOutput.mapper().readTree(run.out()).path("rows");
    assertThat(rows).hasSize(4);
    for (JsonNode row : rows) {
      assertThat(row.path("error").asText())
          .isEqualTo("skipped: the total time budget of 0 s was spent");
      assertThat(row.path("runs").asInt()).isZero();
      for (String time : List.of("median_ms", "min_ms", "max_ms", "per_s")) {
        assertThat(row.has(time)).as(time).isTrue();
        assertThat(row.path(time).isNull()).as(time).isTrue(); // NaN is written as null
      }
      assertThat(row.path("params").path("px").asInt()).isEqualTo(32);
      assertThat(row.path("params").path("mem").asText()).isEqualTo("process-rss-peak");
    }
  }

  @Test
  void theTableListsFailedCasesWithTheirError() {
    CommandRun run =
        quickRun(
            "--px",
            "32",
            "--batch",
            "1",
            "--rows",
            "deit-tiny",
            "--no-torch",
            "--max-total-seconds",
            "1e-9");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("error: deit-tiny px=32 batch=1 mem=process-rss-peak: skipped: the total time");
  }

  @Test
  void cudaScanNeedsAGpu() {
    CommandRun run = CommandRun.of("bench", "backbone", "--scan", "cuda", "--no-torch");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--scan cuda needs --device gpu");
  }

  /**
   * Runs {@code bench backbone} with {@code options} followed by the quickest settings: one timed
   * pass, no warm-up, one thread.
   */
  private static CommandRun quickRun(String... options) {
    List<String> args = new ArrayList<>(List.of("bench", "backbone"));
    args.addAll(List.of(options));
    args.addAll(List.of("--runs", "1", "--warmup", "0", "--threads", "1"));
    return CommandRun.of(args.toArray(String[]::new));
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
