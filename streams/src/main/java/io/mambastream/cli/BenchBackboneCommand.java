package io.mambastream.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.mambastream.bench.BackboneBench;
import io.mambastream.bench.BackboneChart;
import io.mambastream.bench.BackboneRow;
import io.mambastream.bench.PeakRss;
import io.mambastream.bench.TorchDeitBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench backbone}: Vim-Ti against DeiT-Ti inference throughput and peak memory. */
@Command(
    name = "backbone",
    mixinStandardHelpOptions = true,
    description = {
      "Inference images/s and peak memory of Vim-Ti (fused scan) against DeiT-Ti, both ours on"
          + " the same DJL engine, and DeiT-Ti in PyTorch (Python) as torch-deit-tiny.",
      "Random weights, float32, CPU. Peak memory is the process's resident-set high-water mark"
          + " (VmHWM), reset per row."
    })
public final class BenchBackboneCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchBackboneCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "224,512,1024",
      description = "Square image sizes in px, multiples of 16 (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = "--batches",
      split = ",",
      defaultValue = "1,8",
      description = "Batch sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Timed passes per row (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      description = "Untimed passes per row first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--threads",
      description =
          "Threads for libtorch (intra-op), the fused scan and the PyTorch rows (default: all"
              + " cores). On a loaded machine 1 avoids OpenMP's spin-wait collapse.")
  Integer threads;

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

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException, InterruptedException {
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    BackboneBench.Options options =
        new BackboneBench.Options(sizes, batches, runs, warmup, threadCount);
    Engine.getInstance(); // loads libtorch before its thread count is set
    JniUtils.setNumThreads(threadCount);
    List<BackboneRow> rows = new ArrayList<>(new BackboneBench(options).run());
    Map<String, Object> machine = machine(threadCount);
    if (!noTorch) {
      Path root = Path.of(System.getProperty("mambastream.root", "."));
      TorchDeitBench torch = new TorchDeitBench(python, root);
      String reason = torch.unavailableReason();
      if (reason.isEmpty()) {
        TorchDeitBench.Result result = torch.run(options, threadCount);
        rows.addAll(result.rows());
        machine.put("torch_python", result.torchVersion() + ", " + result.threads() + " threads");
      } else {
        LOG.warn("skipping torch-deit-tiny rows: {}", reason);
      }
    }
    if (chart != null) {
      Path parent = chart.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      BackboneChart.writePng(
          rows, machine.get("cpu") + ", " + threadCount + " threads", threadCount == 1, chart);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("benchmark", "backbone");
      report.put("command", commandText());
      report.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
      report.put("machine", machine);
      report.put("rows", rows);
      JsonOutput.print(out, report);
    } else {
      printTable(out, rows, machine);
    }
    return 0;
  }

  private String commandText() {
    // The root's parse result holds every argument, from the group name on.
    CommandLine root = spec.root().commandLine();
    return "mambastream " + String.join(" ", root.getParseResult().originalArgs());
  }

  private static Map<String, Object> machine(int threads) {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpu", cpuModel());
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put(
        "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    Engine engine = Engine.getInstance();
    machine.put("engine", engine.getEngineName() + " " + engine.getVersion());
    machine.put("device", engine.defaultDevice().toString());
    machine.put("threads", threads);
    machine.put("scan", "fused");
    machine.put(
        "peak_memory",
        PeakRss.isAvailable()
            ? "process VmHWM (resident-set high-water mark), reset per row"
            : "process VmHWM, not resettable here: covers the whole run");
    return machine;
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static void printTable(
      PrintWriter out, List<BackboneRow> rows, Map<String, Object> machine) {
    out.println("machine: " + machine);
    out.printf(
        "%-16s %6s %6s %12s %12s %12s %10s %10s%n",
        "name", "px", "batch", "median_ms", "cpu_ms", "img/s", "peak_mb", "start_mb");
    for (BackboneRow r : rows) {
      out.printf(
          "%-16s %6d %6d %12.1f %12.1f %12.2f %10.0f %10.0f%n",
          r.name(), r.px(), r.batch(), r.medianMs(), r.cpuMs(), r.perS(), r.peakMb(), r.startMb());
    }
    for (BackboneRow vim : rows) {
      if (!vim.name().equals("vim-tiny")) {
        continue;
      }
      rows.stream()
          .filter(
              d -> d.name().equals("deit-tiny") && d.px() == vim.px() && d.batch() == vim.batch())
          .findFirst()
          .ifPresent(
              deit ->
                  out.printf(
                      "vim-tiny / deit-tiny at %d px, batch %d: throughput %.2fx, CPU time"
                          + " %.2fx%n",
                      vim.px(), vim.batch(), vim.perS() / deit.perS(), deit.cpuMs() / vim.cpuMs()));
    }
    out.flush();
  }
}
