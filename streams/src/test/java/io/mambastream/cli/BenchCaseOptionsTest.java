package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCaseOptionsTest {

  /** Parses {@code args} for {@code bench <command>} and returns the command's case options. */
  private static BenchCaseOptions parse(String command, String... args) {
    CommandLine root = MambastreamCommand.commandLine();
    List<String> line = new ArrayList<>(List.of("bench", command));
    line.addAll(List.of(args));
    root.parseArgs(line.toArray(String[]::new));
    Object user =
        root.getSubcommands()
            .get("bench")
            .getSubcommands()
            .get(command)
            .getCommandSpec()
            .userObject();
    return user instanceof BenchBackboneCommand backbone
        ? backbone.cases
        : ((BenchTrainStepCommand) user).cases;
  }

  @Test
  void eachCommandKeepsItsOwnDefaults() {
    // The defaults each command had before the options were shared.
    BenchCaseOptions backbone = parse("backbone");
    assertThat(backbone.sizes()).containsExactly(224, 512, 1024);
    assertThat(backbone.batches()).containsExactly(1, 8);
    assertThat(backbone.runs()).isEqualTo(3);
    assertThat(backbone.warmup()).isEqualTo(1);

    BenchCaseOptions trainStep = parse("train-step");
    assertThat(trainStep.sizes()).containsExactly(224);
    assertThat(trainStep.batches()).containsExactly(128);
    assertThat(trainStep.runs()).isEqualTo(5);
    assertThat(trainStep.warmup()).isEqualTo(2);

    for (BenchCaseOptions cases : List.of(backbone, trainStep)) {
      assertThat(cases.harness().maxSecondsPerRow()).isEqualTo(600);
      assertThat(cases.maxTotalSeconds()).isEqualTo(86400);
    }
  }

  @Test
  void givenValuesReplaceTheDefaultsUnderEitherName() {
    BenchCaseOptions cases =
        parse("train-step", "--sizes", "32,64", "--batch", "2", "--runs", "1", "--warmup", "0");

    assertThat(cases.sizes()).isEqualTo(List.of(32, 64));
    assertThat(cases.batches()).isEqualTo(List.of(2));
    assertThat(cases.runs()).isEqualTo(1);
    assertThat(cases.warmup()).isZero();
    assertThat(parse("backbone", "--max-seconds-per-case", "7").harness().maxSecondsPerRow())
        .isEqualTo(7);
  }

  @Test
  void theHelpShowsEachCommandsDefaults() {
    CommandRun backbone = CommandRun.of("bench", "backbone", "--help");
    CommandRun trainStep = CommandRun.of("bench", "train-step", "--help");

    assertThat(backbone.out())
        .contains("multiples of 16 (default:", "224,512,1024)", "Batch sizes (default: 1,8).")
        .contains("Timed runs per row (default: 3).", "Untimed runs per row first (default: 1).");
    assertThat(trainStep.out())
        .contains("Batch sizes (default: 128).", "Timed runs per row (default: 5).")
        .contains("Untimed runs per row first (default: 2).");
  }
}
