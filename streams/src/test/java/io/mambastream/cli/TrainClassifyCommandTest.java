package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mambastream.ingest.fashion.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainClassifyCommandTest {

  /** A tiny Vim on 200 installed training items (40 validate, 40 test). */
  private static List<String> args(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "classify",
                "--dim",
                "16",
                "--depth",
                "2",
                "--d-state",
                "4",
                "--patch",
                "7",
                "--limit",
                "200",
                "--batch",
                "50",
                "--lr",
                "3e-3",
                "--warmup",
                "1",
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static CommandRun run(List<String> args) {
    return CommandRun.of(args.toArray(String[]::new));
  }

  @Test
  void vmambaTrainsFromItsStageDepthsAndRefusesASingleDepth(@TempDir Path out) throws Exception {
    assumeTrue(
        Files.isDirectory(FashionMnist.INSTALLED_DIR),
        "needs the Debian package dataset-fashion-mnist");
    String[] vmamba = {"--backbone", "vmamba", "--dim", "8", "--depths", "1,1", "--d-state", "4"};
    List<String> common = List.of("--limit", "200", "--batch", "50", "--epochs", "1");
    List<String> good = new ArrayList<>(List.of("train", "classify"));
    good.addAll(List.of(vmamba));
    good.addAll(common);
    good.addAll(List.of("--out", out.toString(), "--json"));
    CommandRun trained = run(good);
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    JsonNode config = JsonOutput.mapper().readTree(trained.out()).get("config");
    assertThat(config.get("architecture").asText()).isEqualTo("vmamba");
    assertThat(config.get("stageDepths").toString()).isEqualTo("[1,1]");
    assertThat(config.get("depth").asInt()).isEqualTo(2);

    List<String> bad = new ArrayList<>(good);
    bad.addAll(List.of("--depth", "2"));
    CommandRun refused = run(bad);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("VMamba takes --depths (blocks per stage), not --depth");
  }

  @Test
  void pausesAfterAnEpochAndResumesToTheTestedEnd(@TempDir Path out) throws Exception {
    assumeTrue(
        Files.isDirectory(FashionMnist.INSTALLED_DIR),
        "needs the Debian package dataset-fashion-mnist");
    String[] regularisers = {"--ema", "0.99", "--mixup", "0.2", "--cutmix", "1"};
    List<String> first = args(out, regularisers);
    first.addAll(List.of("--epochs", "2", "--stop-after-epoch", "1"));
    CommandRun paused = run(first);
    assertThat(paused.exitCode()).as(paused.err()).isZero();
    assertThat(paused.out()).contains("paused after epoch 1 of 2").contains("--resume");
    assertThat(out.resolve("best/model.safetensors")).isRegularFile();

    List<String> second = args(out, regularisers);
    second.addAll(List.of("--resume", "--json"));
    CommandRun resumed = run(second);
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    JsonNode result = JsonOutput.mapper().readTree(resumed.out());
    assertThat(result.path("epochs").asInt()).isEqualTo(2);
    assertThat(result.path("history")).hasSize(2);
    assertThat(result.path("testItems").asInt()).isEqualTo(40);
    assertThat(result.path("testAccuracy").asDouble()).isBetween(0.0, 1.0);
    JsonNode training = JsonOutput.mapper().readTree(out.resolve("best/model.json").toFile());
    assertThat(training.path("training").path("ema_decay").asText()).isEqualTo("0.99");
    assertThat(training.path("training").path("mixup_alpha").asText()).isEqualTo("0.2");
    assertThat(training.path("training").path("cutmix_alpha").asText()).isEqualTo("1.0");
  }

  @Test
  void aConvStemModelTrainsAndItsCardSaysSo(@TempDir Path out) throws Exception {
    assumeTrue(
        Files.isDirectory(FashionMnist.INSTALLED_DIR),
        "needs the Debian package dataset-fashion-mnist");
    List<String> args = args(out, "--conv-stem", "--epochs", "1", "--json");
    args.set(args.indexOf("--patch") + 1, "4");
    CommandRun run = run(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode card = JsonOutput.mapper().readTree(out.resolve("best/model.json").toFile());
    assertThat(card.path("config").path("convStem").asBoolean()).isTrue();
    assertThat(card.path("config").path("patchSize").asInt()).isEqualTo(4);

    List<String> odd = args(out.resolve("odd"), "--conv-stem");
    CommandRun refused = run(odd); // patch 7
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("a convolutional stem needs an even patch size, got 7");
  }

  @Test
  void aNegativeMixingAlphaIsRefusedWithTheReason(@TempDir Path out) {
    CommandRun run = run(args(out, "--cutmix", "-1"));
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("Mixup and CutMix alphas must be finite and >= 0");
    assertThat(out.resolve("last")).doesNotExist();
  }

  @Test
  void aTimeBudgetWithoutAWarmUpEpochIsRefusedWithTheReason(@TempDir Path out) {
    List<String> args = args(out, "--time-budget", "5");
    args.set(args.indexOf("--warmup") + 1, "0.5");
    CommandRun run = run(args);
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("time budget needs at least 1 warm-up epoch");
    assertThat(out.resolve("last")).doesNotExist();
  }
}
