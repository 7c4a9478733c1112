package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --device} on every command that takes it: bad values and a missing GPU exit with 2. */
class DeviceOptionTest {

  @ParameterizedTest
  @ValueSource(strings = {"bench backbone", "bench scan", "demo", "train classify"})
  void anUnknownDeviceIsAUsageError(String command) {
    CommandRun run = CommandRun.of((command + " --device tpu").split(" "));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Invalid value for option '--device'", "expected cpu or gpu, got 'tpu'")
        .contains("Usage:");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bench backbone --sizes 32 --batches 1 --no-torch",
        "bench scan --quick --no-torch",
        "demo --frames 1 --backbone-frames 0"
      })
  void gpuWithoutACudaDeviceSaysSo(String command) {
    assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");

    CommandRun run = CommandRun.of((command + " --device gpu").split(" "));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--device gpu, but DJL's PyTorch", "sees no CUDA device");
    assertThat(run.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "CPU"})
  void cpuIsAcceptedInAnyCase(String value) throws Exception {
    CommandRun run =
        CommandRun.of(
            "bench",
            "scan",
            "--quick",
            "--no-torch",
            "--rows",
            "chunked",
            "--json",
            "--device",
            value);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(run.out());
    assertThat(report.path("machine").path("device").asText()).isEqualTo("cpu()");
    assertThat(report.path("machine").has("gpu")).isFalse();
    assertThat(report.path("rows")).hasSize(1);
  }

  @org.junit.jupiter.api.Test
  void theCudaScanRowIsSkippedOnTheCpuWithANote() throws Exception {
    CommandRun run =
        CommandRun.of("bench", "scan", "--quick", "--no-torch", "--rows", "chunked,cuda", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(run.out());
    assertThat(report.path("rows")).hasSize(1);
    assertThat(report.path("rows").get(0).path("name").asText()).isEqualTo("chunked");
    assertThat(report.path("notes").toString())
        .contains("cuda not measured: a GPU-only operator (--device gpu)");
  }
}
