package io.mambastream.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.mambastream.bench.BenchRow;
import io.mambastream.bench.MachineInfo;
import io.mambastream.bench.PeakMemory;
import io.mambastream.bench.train.TrainStep;
import io.mambastream.bench.train.TrainStepBench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench train-step}: Vim-Ti against DeiT-Ti training-step time and peak memory. */
@Command(
    name = "train-step",
    mixinStandardHelpOptions = true,
    defaultValueProvider = BenchTrainStepCommand.Defaults.class,
    description = {
      "Time and peak memory of one training step (forward, label-smoothed cross-entropy,"
          + " backward, AdamW update) of Vim-Ti against DeiT-Ti, both ours on the same DJL engine,"
          + " on random weights, images and labels (3 channels, patch 16, 1000 classes), float32,"
          + " on the CPU or (--device gpu) a CUDA GPU.",
      "Optimizer, loss and their settings are those of train classify; Vim trains with the scan"
          + " train classify picks (--scan auto). Every step ends by reading its loss back to the"
          + " host. Peak memory as in bench backbone (the row's params say how: mem). A case that"
          + " runs out of memory becomes a row with an error; a case starting with less of"
          + " --max-total-seconds left than --max-seconds gets what is left as its --max-seconds."
    })
public final class BenchTrainStepCommand implements Callable<Integer> {

  @CommandLine.Mixin DeviceOption device = new DeviceOption();

  @Option(
      names = "--models",
      split = ",",
      defaultValue = "vim-tiny,deit-tiny",
      paramLabel = "MODEL",
      description = "Models, a row each, of vim-tiny, deit-tiny (default: ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(
      names = "--scan",
      defaultValue = "auto",
      split = ",",
      paramLabel = "SCAN",
      description =
          "Vim's scans, a row each, of auto, cuda, chunked, sequential: auto = the CUDA operator"
              + " on a GPU when it is built, else chunked (default: ${DEFAULT-VALUE}).")
  List<String> scans;

  @CommandLine.Mixin BenchCaseOptions cases = new BenchCaseOptions();

  @Option(
      names = "--depth",
      defaultValue = "0",
      description =
          "Layers of every model, 0 for the presets' (Vim-Ti 24, DeiT-Ti 12); for quick checks"
              + " (default: ${DEFAULT-VALUE}).")
  int depth;

  @CommandLine.Mixin BenchOutput output = new BenchOutput();

  @Override
  public Integer call() {
    Device where = device.device();
    TrainStepBench.Options options =
        new TrainStepBench.Options(
            cases.sizes(), cases.batches(), models, where, scans, depth, cases.maxTotalSeconds());
    TrainStepBench bench = new TrainStepBench(options, cases.harness());
    MachineInfo machine = MachineInfo.detect(where);
    List<String> notes = new ArrayList<>();
    notes.add(
        "one step: forward in training mode, label-smoothed cross-entropy (ε "
            + TrainStep.LABEL_SMOOTHING
            + "), backward, AdamW (lr "
            + TrainStep.LEARNING_RATE
            + ", weight decay "
            + TrainStep.WEIGHT_DECAY
            + "); libtorch "
            + Engine.getInstance().getVersion());
    if (models.contains("vim-tiny")) {
      notes.add("vim-tiny trains its Mamba layers with " + bench.scans() + " on " + where);
    }
    notes.add(memoryNote(bench.memory()));
    notes.add(
        "per_s: images per second (batch / median); every step reads its loss back to the host"
            + (where.isGpu() ? ", so GPU times include all its kernels" : ""));
    List<BenchRow> rows = bench.run();
    output.print(
        output.report("train-step", machine, rows, notes, Map.of()),
        List.of("deit-tiny"),
        out -> {},
        out -> rows.forEach(row -> printRow(out, row)));
    return 0;
  }

  private static void printRow(PrintWriter out, BenchRow row) {
    if (row.isMeasured()) {
      out.printf(
          Locale.ROOT,
          "%s: peak_mb %.0f, start_mb %.0f, last loss %.4f%n",
          BenchOutput.label(row),
          row.measures().get("peak_mb"),
          row.measures().get("start_mb"),
          row.measures().get("loss"));
    } else {
      out.println("error: " + BenchOutput.label(row) + ": " + row.error());
    }
  }

  private static String memoryNote(PeakMemory memory) {
    return switch (memory.method()) {
      case PeakMemory.PROCESS_RSS ->
          "peak_mb: process resident-set high-water mark (VmHWM), JVM included; start_mb: resident"
              + " set at the row's start, model and optimizer built";
      case PeakMemory.ALLOCATOR_PEAK ->
          "peak_mb: most GPU memory libtorch's caching allocator held in tensors during the row"
              + " (weights, AdamW moments, activations and gradients); start_mb: allocated at the"
              + " row's start, model and optimizer built";
      case PeakMemory.DEVICE_USED_SAMPLED ->
          "peak_mb: the GPU's used memory sampled during the row by "
              + memory.source()
              + " (CUDA context and memory cached from earlier rows included)";
      default -> "peak_mb not measured: " + memory.problem();
    };
  }

  /** The defaults of {@link BenchCaseOptions} here: a run is one training step. */
  static final class Defaults extends BenchCaseOptions.Defaults {
    Defaults() {
      super("224", "128", 5, 2);
    }
  }
}
