package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTrainStepCommandTest {

  /**
   * Runs {@code bench train-step} with {@code args} on 32 px images and models one layer deep,
   * small enough for the CPU in a test.
   */
  private static CommandRun tinyTrainStep(String... args) {
    List<String> line = new ArrayList<>(List.of("bench", "train-step"));
    line.addAll(List.of(args));
    line.addAll(List.of("--px", "32", "--depth", "1"));
    return CommandRun.of(line.toArray(String[]::new));
  }

  @Test
  void printsOneRowPerModelAndScanAsJson() throws Exception {
    CommandRun run =
        tinyTrainStep(
            "--json", "--batch", "2", "--scan", "auto,sequential", "--runs", "2", "--warmup", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(run.out());
    assertThat(report.path("benchmark").asText()).isEqualTo("train-step");
    assertThat(report.path("command").asText()).startsWith("mambastream bench train-step --json");
    List<String> ids = new ArrayList<>();
    for (JsonNode row : report.path("rows")) {
      JsonNode params = row.path("params");
      ids.add(row.path("name").asText() + "@" + params.path("scan").asText("-"));
      assertThat(row.has("error")).as(row.toString()).isFalse();
      assertThat(params.path("px").asInt()).isEqualTo(32);
      assertThat(params.path("batch").asInt()).isEqualTo(2);
      assertThat(params.path("depth").asInt()).isEqualTo(1);
      assertThat(params.path("mode").asText()).isEqualTo("train");
      assertThat(params.path("mem").asText()).isEqualTo("process-rss-peak");
      assertThat(row.path("runs").asInt()).isEqualTo(2);
      double median = row.path("median_ms").asDouble();
      assertThat(median).isPositive();
      assertThat(row.path("min_ms").asDouble()).isLessThanOrEqualTo(median);
      assertThat(row.path("max_ms").asDouble()).isGreaterThanOrEqualTo(median);
      assertThat(row.path("per_s").asDouble()).isCloseTo(2 * 1000 / median, within(1e-9));
      assertThat(row.path("peak_mb").asDouble()).isPositive();
      // 1000 classes, random labels, small initial logits: near ln 1000 (see TrainStepTest).
      assertThat(row.path("loss").asDouble()).isCloseTo(Math.log(1000), within(1.5));
    }
    // auto trains with the chunked scan on the CPU; DeiT has no scan and comes once.
    assertThat(ids).containsExactly("vim-tiny@chunked", "deit-tiny@-", "vim-tiny@sequential");
  }

  @Test
  void printsATableWithTheRatioToDeit() {
    CommandRun run =
        tinyTrainStep("--batch", "1", "--runs", "1", "--warmup", "0", "--models", "deit-tiny");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("deit-tiny", "px=32", "peak_mb").doesNotContain("vim-tiny");
  }

  @Test
  void casesPastTheTotalBudgetAreRowsWithAnErrorAndNoTimes() throws Exception {
    CommandRun run = tinyTrainStep("--json", "--batch", "1", "--max-total-seconds", "1e-9");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode rows = JsonOutput.mapper().readTree(run.out()).path("rows");
    assertThat(rows).hasSize(2);
    for (JsonNode row : rows) {
      assertThat(row.path("error").asText()).startsWith("skipped: the total time budget");
      assertThat(row.path("runs").asInt()).isZero();
      assertThat(row.path("median_ms").isNull()).isTrue();
      assertThat(row.path("params").path("mode").asText()).isEqualTo("train");
    }
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertThat(CommandRun.of("bench", "train-step", "--models", "resnet").err())
        .contains("unknown model resnet");
    assertThat(CommandRun.of("bench", "train-step", "--px", "30").exitCode()).isEqualTo(2);
    assertThat(CommandRun.of("bench", "train-step", "--scan", "fused").err())
        .contains("without a backward pass");
    assertThat(CommandRun.of("bench", "train-step", "--device", "tpu").exitCode()).isEqualTo(2);
    assertThat(CommandRun.of("bench", "train-step", "--runs", "x").err()).contains("Usage:");
    for (String[] args :
        List.of(
            new String[] {"--models", "resnet"},
            new String[] {"--scan", "fused"},
            new String[] {"--depth", "-1"},
            new String[] {"--runs", "0"})) {
      List<String> line = new ArrayList<>(List.of("bench", "train-step"));
      line.addAll(List.of(args));
      assertThat(CommandRun.of(line.toArray(String[]::new)).exitCode())
          .as(String.join(" ", args))
          .isEqualTo(2);
    }
  }
}
