package io.mambastream.bench.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mambastream.bench.BenchHarness;
import io.mambastream.bench.BenchRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the independent PyTorch reference ({@code bench/scan_reference.py}, shipped as a resource)
 * with a Python that has torch, and reads its rows ("torch-loop").
 */
final class TorchScanReference {
  static final String SCRIPT = "/bench/scan_reference.py";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TorchScanReference() {}

  /** What the reference produced: its rows, or why there are none. */
  record Outcome(List<BenchRow> rows, String torchVersion, int threads, String problem) {}

  /**
   * Runs the script on {@code shapes} with the harness's warm-up, runs and time budget; its rows
   * are named {@code name}.
   */
  static Outcome run(
      String python, List<ScanShape> shapes, BenchHarness harness, int threads, String name) {
    Path script = null;
    try {
      script = Files.createTempFile("mambastream-scan-reference", ".py");
      try (InputStream in = TorchScanReference.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          return failed("the resource " + SCRIPT + " is missing from the distribution");
        }
        Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> command =
          List.of(
              python,
              script.toString(),
              "--shapes",
              shapes.stream().map(ScanShape::text).collect(Collectors.joining(",")),
              "--warmup",
              Integer.toString(harness.warmup()),
              "--warmup-seconds",
              Double.toString(harness.warmupSeconds()),
              "--runs",
              Integer.toString(harness.runs()),
              "--max-seconds",
              Double.toString(harness.maxSecondsPerRow()),
              "--threads",
              Integer.toString(threads),
              "--name",
              name);
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      process.getOutputStream().close();
      // Each shape: warm-up and runs, each capped by the budget, plus the interpreter's start.
      long limit = (long) (shapes.size() * 3 * harness.maxSecondsPerRow()) + 120;
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(limit, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return failed("the PyTorch reference did not finish within " + limit + " s");
      }
      String text = new String(out, StandardCharsets.UTF_8).trim();
      if (process.exitValue() != 0) {
        String why = text.isEmpty() ? "see its error output above" : text;
        return failed(
            "the PyTorch reference failed (exit "
                + process.exitValue()
                + "): "
                + why.lines().reduce((a, b) -> b).orElse("no output")
                + " (install python3-torch, or pass --python)");
      }
      JsonNode root = JSON.readTree(text);
      List<BenchRow> rows = new ArrayList<>();
      for (JsonNode row : root.get("rows")) {
        rows.add(JSON.treeToValue(row, BenchRow.class));
      }
      return new Outcome(rows, root.get("torch").asText(), root.get("threads").asInt(), null);
    } catch (IOException e) {
      return failed("cannot run " + python + ": " + e.getMessage() + " (install python3-torch)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted while running the PyTorch reference");
    } finally {
      if (script != null) {
        try {
          Files.deleteIfExists(script);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  private static Outcome failed(String problem) {
    return new Outcome(List.of(), null, 0, problem);
  }
}
