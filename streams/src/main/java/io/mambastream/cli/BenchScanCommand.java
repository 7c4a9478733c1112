package io.mambastream.cli;

import io.mambastream.bench.BenchChart;
import io.mambastream.bench.BenchHarness;
import io.mambastream.bench.BenchReport;
import io.mambastream.bench.BenchTable;
import io.mambastream.bench.CpuPeaks;
import io.mambastream.bench.scan.ScanBenchmark;
import io.mambastream.bench.scan.ScanShape;
import io.mambastream.bench.scan.ScanWork;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench scan}: times every selective-scan implementation and the fused kernel's floor. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Time the selective scan implementations (fused, sequential, chunked, ssd) and an"
          + " independent PyTorch loop on the same shapes; measure this CPU's peaks and report"
          + " how far the fused kernel is from them.",
      "With --device gpu the NDArray forms (sequential, chunked, ssd) and the fused CUDA operator"
          + " (cuda, when gpu/build-native.sh built it) run on the GPU, each call timed until its"
          + " result is ready; the CPU-only rows (fused*, torch-loop*) are skipped with a note."
    })
public final class BenchScanCommand implements java.util.concurrent.Callable<Integer> {
  private static final List<String> CASE_KEYS = List.of("B", "D", "L", "N");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin DeviceOption device = new DeviceOption();

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--runs", description = "Timed runs per row (default: ${DEFAULT-VALUE}).")
  int runs = 20;

  @Option(
      names = "--warmup",
      description = "Untimed runs per row first (default: ${DEFAULT-VALUE}).")
  int warmup = 5;

  @Option(
      names = "--warmup-seconds",
      description = "Minimum warm-up time per row, for the JIT (default: ${DEFAULT-VALUE}).")
  double warmupSeconds = 3;

  @Option(
      names = "--max-seconds",
      description =
          "Time budget of one row; slow rows get fewer runs, at least 3 (default: ${DEFAULT-VALUE}).")
  double maxSeconds = 30;

  @Option(
      names = "--shapes",
      split = ",",
      paramLabel = "BxDxLxN",
      description = "Shapes to measure (default: " + ScanShape.DEFAULT_SHAPES + ").")
  List<String> shapes;

  @Option(
      names = "--rows",
      split = ",",
      description =
          "Rows to measure, of: fused, fused-1t, fused-ndarray, sequential, chunked, cuda (GPU"
              + " with our native library), ssd, torch-loop, torch-loop-1t (default: all).")
  List<String> rows;

  @Option(
      names = "--threads",
      description =
          "Threads of the fused kernel and the PyTorch loop (default: available processors).")
  Integer threads;

  @Option(
      names = "--python",
      description = "Python with torch for torch-loop (default: ${DEFAULT-VALUE}).")
  String python = "/usr/bin/python3";

  @Option(names = "--no-torch", description = "Skip the PyTorch reference.")
  boolean noTorch;

  @Option(
      names = "--chart",
      paramLabel = "FILE",
      description = "Also write a PNG bar chart of the medians.")
  Path chart;

  @Option(
      names = "--quick",
      description =
          "A smoke run: shape 1x16x9x4 unless --shapes is given, 1 warm-up, 3 runs, small bandwidth array.")
  boolean quick;

  @Override
  public Integer call() throws IOException {
    List<ScanShape> parsed = new ArrayList<>();
    List<String> texts =
        shapes != null
            ? shapes
            : List.of((quick ? "1x16x9x4" : ScanShape.DEFAULT_SHAPES).split(","));
    for (String text : texts) {
      parsed.add(ScanShape.parse(text));
    }
    Set<String> selected = new LinkedHashSet<>(rows != null ? rows : ScanBenchmark.ROWS);
    if (noTorch) {
      selected.remove("torch-loop");
      selected.remove("torch-loop-1t");
    }
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    BenchHarness harness =
        quick
            ? new BenchHarness(1, 0, 3, Math.min(maxSeconds, 5))
            : new BenchHarness(warmup, warmupSeconds, runs, maxSeconds);
    long bandwidthBytes = quick ? 32L << 20 : 512L << 20;
    ScanBenchmark benchmark =
        new ScanBenchmark(
            parsed, harness, threadCount, selected, python, bandwidthBytes, device.device());
    BenchReport report = benchmark.run(commandLine());
    PrintWriter out = spec.commandLine().getOut();
    if (chart != null) {
      BenchChart.writePng(
          report,
          CASE_KEYS,
          chart,
          "Selective scan, median per call ("
              + (report.machine().gpu() != null
                  ? report.machine().gpu()
                  : report.machine().cpu() + ", " + threadCount + " threads")
              + ")");
    }
    if (json) {
      JsonOutput.print(out, report);
      return 0;
    }
    out.print(
        BenchTable.render(report, CASE_KEYS, List.of("sequential", "torch-loop", "torch-loop-1t")));
    out.println();
    printFloor(out, report);
    out.println();
    out.println("machine: " + report.machine());
    report.notes().forEach(note -> out.println("note: " + note));
    report.rows().stream()
        .filter(row -> row.note() != null)
        .forEach(
            row ->
                out.println(
                    "note: "
                        + row.name()
                        + " "
                        + BenchTable.label(row.params())
                        + ": "
                        + row.note()));
    if (chart != null) {
      out.println("chart: " + chart);
    }
    out.flush();
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static void printFloor(PrintWriter out, BenchReport report) {
    Object floor = report.sections().get("floor");
    if (!(floor instanceof Map)) {
      return;
    }
    Map<String, Object> sections = (Map<String, Object>) floor;
    for (CpuPeaks peaks : (List<CpuPeaks>) sections.get("peaks")) {
      out.printf(
          "peaks on %d thread(s), %d-bit vectors: %.1f GFLOP/s (FMA), %.2f G exp/s, %.1f GB/s read%n",
          peaks.threads(),
          peaks.vectorBits(),
          peaks.flopsPerS() / 1e9,
          peaks.expPerS() / 1e9,
          peaks.bytesPerS() / 1e9);
    }
    for (ScanWork work : (List<ScanWork>) sections.get("rows")) {
      out.printf(
          "floor %-8s %s: %.3g GFLOP, %.3g G exp, %.3g MB; floor %.4f ms vs %.4f ms measured = %.1f%% of floor;"
              + " %.1f%% of FMA peak, %.1f%% of exp peak, %.1f%% of bandwidth%n",
          work.name(),
          BenchTable.label(work.params()),
          work.flops() / 1e9,
          work.exps() / 1e9,
          work.bytes() / 1e6,
          work.floorMs(),
          work.measuredMs(),
          work.percentOfFloor(),
          work.flopsPercentOfPeak(),
          work.expPercentOfPeak(),
          work.bandwidthPercentOfPeak());
    }
  }

  private String commandLine() {
    List<String> args = spec.root().commandLine().getParseResult().originalArgs();
    return "bin/mambastream " + String.join(" ", args);
  }
}
