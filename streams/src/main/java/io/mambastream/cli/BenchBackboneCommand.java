package io.mambastream.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.mambastream.bench.BenchReport;
import io.mambastream.bench.BenchRow;
import io.mambastream.bench.BenchTable;
import io.mambastream.bench.MachineInfo;
import io.mambastream.bench.PeakMemory;
import io.mambastream.bench.PeakRss;
import io.mambastream.bench.backbone.BackboneBench;
import io.mambastream.bench.backbone.BackboneChart;
import io.mambastream.bench.backbone.TorchDeitBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench backbone}: Vim-Ti against DeiT-Ti inference throughput and peak memory. */
@Command(
    name = "backbone",
    mixinStandardHelpOptions = true,
    defaultValueProvider = BenchBackboneCommand.Defaults.class,
    description = {
      "Inference images/s and peak memory of Vim-Ti against DeiT-Ti, both ours on the same DJL"
          + " engine, and DeiT-Ti in PyTorch (Python, CPU only) as torch-deit-tiny.",
      "Random weights, float32, on the CPU or (--device gpu) a CUDA GPU. On the CPU peak memory"
          + " is the process's resident-set high-water mark (VmHWM), reset per row (memory freed"
          + " by earlier rows but kept by the process hides growth: use --rows with one size and"
          + " batch for exact peaks); cpu_ms is the measuring thread's CPU time (all the work with"
          + " --threads 1). On a GPU it is libtorch's allocator peak when our native CUDA library"
          + " is loaded, else the device's used memory sampled in the background (the row's"
          + " params say which: mem). A case that runs out of memory becomes a row with an error."
    })
public final class BenchBackboneCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchBackboneCommand.class);
  private static final String TORCH_ROW = "torch-deit-tiny";

  @CommandLine.Mixin DeviceOption device = new DeviceOption();

  @Option(
      names = "--scan",
      defaultValue = "auto",
      split = ",",
      paramLabel = "SCAN",
      description =
          "Vim's scans, a row each, of auto, fused, chunked, cuda, sequential: auto = fused on the"
              + " CPU, the CUDA operator (when built) or else chunked on a GPU; fused is CPU only,"
              + " cuda GPU only (default: ${DEFAULT-VALUE}).")
  List<String> scans;

  @CommandLine.Mixin BenchCaseOptions cases = new BenchCaseOptions();

  @Option(
      names = "--threads",
      description =
          "Threads for libtorch (intra-op), the fused scan and the PyTorch rows (default: all"
              + " cores). On a loaded machine 1 avoids OpenMP's spin-wait collapse.")
  Integer threads;

  @Option(
      names = "--rows",
      split = ",",
      description =
          "Rows to measure, of vim-tiny, deit-tiny, torch-deit-tiny (default: all). One row, size"
              + " and batch per invocation gives a peak_mb untouched by earlier rows.")
  List<String> rows;

  @Option(names = "--no-torch", description = "Skip the torch-deit-tiny rows (PyTorch in Python).")
  boolean noTorch;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      description = "Python with PyTorch for the torch rows (default: ${DEFAULT-VALUE}).")
  Path python;

  @Option(
      names = "--chart",
      description =
          "Also write a PNG chart of ms per image against size (CPU time with --threads 1, else"
              + " wall time).")
  Path chart;

  @CommandLine.Mixin BenchOutput output = new BenchOutput();

  @Override
  public Integer call() throws IOException, InterruptedException {
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    List<String> selected = rows != null ? rows : List.of("vim-tiny", "deit-tiny", TORCH_ROW);
    Device where = device.device(); // also loads libtorch, before its threads are set
    BackboneBench.Options options =
        new BackboneBench.Options(
            cases.sizes(),
            cases.batches(),
            threadCount,
            selected.stream().filter(row -> !row.equals(TORCH_ROW)).toList(),
            where,
            scans,
            cases.maxTotalSeconds());
    BackboneBench bench = new BackboneBench(options, cases.harness());
    MachineInfo machine = MachineInfo.detect(where);
    JniUtils.setNumThreads(threadCount);
    List<String> notes = new ArrayList<>();
    notes.add(
        threadCount
            + " threads: libtorch "
            + Engine.getInstance().getVersion()
            + " intra-op, the fused scan and the PyTorch rows");
    notes.add("vim-tiny runs its Mamba layers with " + bench.scans() + " on " + where);
    notes.add(memoryNote(bench.memory()));
    notes.add(
        "per_s: images per second (batch / median)"
            + (where.isGpu()
                ? "; every pass reads its logits back to the host, so GPU times include all its"
                    + " kernels"
                : "; cpu_ms: median CPU time of the thread"));
    List<BenchRow> measured = new ArrayList<>(bench.run());
    Map<String, Object> sections = new LinkedHashMap<>();
    if (where.isGpu() && !noTorch && selected.contains(TORCH_ROW)) {
      notes.add("torch-deit-tiny not measured: it runs PyTorch on the CPU, not with --device gpu");
    } else if (!noTorch && selected.contains(TORCH_ROW)) {
      Path root = Path.of(System.getProperty("mambastream.root", "."));
      TorchDeitBench torch = new TorchDeitBench(python, root);
      String reason = torch.unavailableReason();
      if (reason.isEmpty()) {
        TorchDeitBench.Result result = torch.run(options, cases.warmup(), cases.runs());
        measured.addAll(result.rows());
        sections.put(
            "torch", Map.of("version", result.torchVersion(), "threads", result.threads()));
      } else {
        LOG.warn("skipping torch-deit-tiny rows: {}", reason);
        notes.add("torch-deit-tiny not measured: " + reason);
      }
    }
    BenchReport report = output.report("backbone", machine, measured, notes, sections);
    if (chart != null) {
      BackboneChart.writePng(
          measured,
          where.isGpu() ? machine.gpu() : machine.cpu() + ", " + threadCount + " threads",
          threadCount == 1 && !where.isGpu(),
          chart);
    }
    output.print(
        report,
        List.of("deit-tiny", "torch-deit-tiny"),
        out -> printMeasures(out, measured),
        out -> {
          measured.stream()
              .filter(row -> !row.isMeasured())
              .forEach(row -> out.println("error: " + BenchOutput.label(row) + ": " + row.error()));
          if (chart != null) {
            out.println("chart: " + chart);
          }
        });
    return 0;
  }

  private static String memoryNote(PeakMemory memory) {
    return switch (memory.method()) {
      case PeakMemory.PROCESS_RSS ->
          "peak_mb: process resident-set high-water mark (VmHWM) "
              + (PeakRss.isAvailable() ? "reset at each row's start" : "over the whole run")
              + ", JVM or Python interpreter included; start_mb: resident set at the row's start";
      case PeakMemory.ALLOCATOR_PEAK ->
          "peak_mb: most GPU memory libtorch's caching allocator held in tensors during the row"
              + " (reset at its start; weights included); start_mb: allocated at the row's start";
      case PeakMemory.DEVICE_USED_SAMPLED ->
          "peak_mb: the GPU's used memory (the driver's count: CUDA context, memory libtorch's"
              + " caching allocator keeps from earlier rows and other processes included), sampled"
              + " during the row by "
              + memory.source()
              + "; start_mb: used at the row's start. Run one case per invocation for a peak"
              + " untouched by earlier rows";
      default -> "peak_mb not measured: " + memory.problem();
    };
  }

  private static void printMeasures(PrintWriter out, List<BenchRow> rows) {
    int width = 4;
    for (BenchRow row : rows) {
      width = Math.max(width, BenchTable.label(row.params()).length());
    }
    String line = "%-16s %-" + width + "s %10s %10s %10s%n";
    out.printf(line, "row", "case", "cpu_ms", "peak_mb", "start_mb");
    for (BenchRow row : rows) {
      out.printf(
          line,
          row.name(),
          BenchTable.label(row.params()),
          measure(row, "cpu_ms", "%.1f"),
          measure(row, "peak_mb", "%.0f"),
          measure(row, "start_mb", "%.0f"));
    }
  }

  /** The defaults of {@link BenchCaseOptions} here: a pass is one forward pass. */
  static final class Defaults extends BenchCaseOptions.Defaults {
    Defaults() {
      super("224,512,1024", "1,8", 3, 1);
    }
  }

  /** Returns the measure formatted, or "-" where the row lacks it or it is unknown (NaN). */
  private static String measure(BenchRow row, String key, String format) {
    double value = row.measures().getOrDefault(key, Double.NaN);
    return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, format, value);
  }
}
