package io.mambastream.bench.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mambastream.bench.BenchRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The {@code torch-deit-tiny} rows: the same DeiT-Ti in PyTorch (Python, CPU), measured by {@code
 * backbones/scripts/torch_deit_bench.py} in a child process.
 */
public final class TorchDeitBench {

  /** The script, relative to the project root. */
  public static final Path SCRIPT = Path.of("backbones", "scripts", "torch_deit_bench.py");

  private final Path python;
  private final Path script;

  /** Uses {@code python} to run the script under {@code projectRoot}. */
  public TorchDeitBench(Path python, Path projectRoot) {
    this.python = python;
    this.script = projectRoot.resolve(SCRIPT);
  }

  /** Returns why the rows cannot be measured here, or an empty string when they can. */
  public String unavailableReason() {
    if (!Files.isExecutable(python)) {
      return python + " not found";
    }
    if (!Files.isRegularFile(script)) {
      return script + " not found";
    }
    return "";
  }

  /**
   * Runs the script and returns its rows.
   *
   * @throws IOException if the script fails or prints no rows
   */
  public Result run(BackboneBench.Options options, int warmup, int runs)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            python.toString(),
            script.toString(),
            "--sizes",
            join(options.sizes()),
            "--batches",
            join(options.batches()),
            "--runs",
            Integer.toString(runs),
            "--warmup",
            Integer.toString(warmup),
            "--threads",
            Integer.toString(options.threads()));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
      throw new IOException("torch bench failed (" + String.join(" ", command) + ")");
    }
    JsonNode root = new ObjectMapper().readTree(out);
    List<BenchRow> rows = new ArrayList<>();
    for (JsonNode row : root.path("rows")) {
      JsonNode params = row.path("params");
      BenchRow parsed =
          new BenchRow(
              row.path("name").asText(),
              BackboneBench.params(params.path("px").asInt(), params.path("batch").asInt()),
              row.path("median_ms").asDouble(),
              row.path("min_ms").asDouble(),
              row.path("max_ms").asDouble(),
              row.path("runs").asInt(),
              row.path("per_s").asDouble(),
              null,
              null,
              null);
      for (String measure : List.of("cpu_ms", "peak_mb", "start_mb")) {
        if (row.hasNonNull(measure)) {
          parsed = parsed.withMeasure(measure, row.path(measure).asDouble());
        }
      }
      rows.add(parsed);
    }
    if (rows.isEmpty()) {
      throw new IOException("torch bench printed no rows: " + out);
    }
    return new Result(root.path("torch").asText(), root.path("threads").asInt(), rows);
  }

  private static String join(List<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /**
   * What the script reported.
   *
   * @param torchVersion PyTorch's version
   * @param threads its intra-op threads
   * @param rows the measured rows
   */
  public record Result(String torchVersion, int threads, List<BenchRow> rows) {}
}
