package io.mambastream.bench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mambastream.backbones.ssm.ScanChoice;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.train.ClassifierConfig;
import io.mambastream.bench.BenchHarness;
import io.mambastream.bench.BenchRow;
import io.mambastream.bench.CaseBudget;
import io.mambastream.bench.PeakMemory;
import io.mambastream.bench.backbone.BackboneBench;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training-step time and peak memory of Vim-Ti against DeiT-Ti (ImageNet shapes: 3 channels, patch
 * 16, 1000 classes), random weights and images, float32, one row per (model, image size, batch), on
 * the CPU or a GPU.
 *
 * <p>Each row builds its model and optimizer in a manager of its own on the device and lets the
 * {@link BenchHarness} time {@link TrainStep}s (forward, loss, backward, AdamW update, loss read
 * back to the host). Vim is measured once per scan of {@link Options#scans()} (see {@link
 * #scanFor}: by default the scan {@code train classify} uses, {@link ScanChoice#forTraining}), the
 * scan's id written as {@code scan} in its rows' params; every row's params say {@code mode: train}
 * and how peak memory was measured ({@code mem}, see {@link PeakMemory}). Measures: {@code peak_mb}
 * and {@code start_mb} (at the row's start, the model and optimizer already built), {@code loss}
 * (of the last step); {@code per_s} counts images. A case that fails in the engine (out of memory)
 * or finds the total time budget spent becomes a row with an {@code error} (see {@link
 * CaseBudget}); a row that starts with less of the total budget left than its own budget gets what
 * is left (at least the harness's minimum of steps).
 */
public final class TrainStepBench {
  /** The row ids, in the order measured. */
  public static final List<String> MODELS = List.of("vim-tiny", "deit-tiny");

  /**
   * What to measure.
   *
   * @param sizes square image sizes in pixels (multiples of 16)
   * @param batches batch sizes
   * @param models which of {@link #MODELS} to measure
   * @param device where models, optimizer state and images live
   * @param scans the scans of Vim's Mamba layers, ids of {@link #scanFor} (a Vim row each)
   * @param depth layers of every model, 0 for the presets' (Vim-Ti 24, DeiT-Ti 12)
   * @param maxTotalSeconds time budget of the whole run; cases that would start after it are
   *     skipped (rows with an error)
   */
  public record Options(
      List<Integer> sizes,
      List<Integer> batches,
      List<String> models,
      Device device,
      List<String> scans,
      int depth,
      double maxTotalSeconds) {

    /** Checks the values. */
    public Options {
      sizes = List.copyOf(sizes);
      batches = List.copyOf(batches);
      models = List.copyOf(models);
      scans = List.copyOf(scans);
      for (String model : models) {
        if (!MODELS.contains(model)) {
          throw new IllegalArgumentException("unknown model " + model + "; known: " + MODELS);
        }
      }
      if (models.isEmpty()) {
        throw new IllegalArgumentException("give at least one model");
      }
      BackboneBench.checkCases(sizes, batches, device, scans);
      if (depth < 0) {
        throw new IllegalArgumentException(
            "depth must be >= 1 (or 0 for the preset), got " + depth);
      }
      CaseBudget.check(maxTotalSeconds);
    }
  }

  private final Options options;
  private final BenchHarness harness;
  private final PeakMemory memory;
  private final List<SelectiveScan> scans;

  /**
   * Creates the benchmark; resolves the scans for the device (two ids that resolve to the same
   * scan, such as auto and chunked on the CPU, give one).
   *
   * @throws IllegalArgumentException if a scan does not exist for the device or cannot train
   */
  public TrainStepBench(Options options, BenchHarness harness) {
    this.options = options;
    this.harness = harness;
    this.scans = BackboneBench.distinctScans(options.scans(), id -> scanFor(id, options.device()));
    this.memory = PeakMemory.of(options.device());
  }

  /**
   * Returns the differentiable scan with option value {@code id} for {@code device}: {@code auto}
   * ({@link ScanChoice#forTraining}: the CUDA operator on a GPU when it is built, else chunked),
   * {@code cuda} (GPU only, needs our native library), {@code chunked}, {@code sequential}.
   *
   * @throws IllegalArgumentException for an unknown id, {@code fused} (an inference kernel without
   *     a backward pass) or one that cannot run on the device
   */
  public static SelectiveScan scanFor(String id, Device device) {
    return switch (id) {
      case "auto" -> ScanChoice.forTraining(device);
      case "fused" ->
          throw new IllegalArgumentException(
              "--scan fused is an inference kernel without a backward pass; train with auto,"
                  + " cuda, chunked or sequential");
      default -> BackboneBench.scanFor(id, device, 1);
    };
  }

  /** Returns the scans Vim trains with, one row each. */
  public List<SelectiveScan> scans() {
    return scans;
  }

  /** Returns how peak memory is measured. */
  public PeakMemory memory() {
    return memory;
  }

  /** Returns the classifier {@code model} (an id of {@link #MODELS}) at {@code px} pixels. */
  public ClassifierConfig config(String model, int px) {
    ClassifierConfig preset =
        switch (model) {
          case "vim-tiny" -> new ClassifierConfig("vim", 192, 24, 16, 16, 0, px, 3, 1000, -1);
          case "deit-tiny" -> new ClassifierConfig("vit", 192, 12, 16, 0, 3, px, 3, 1000, -1);
          default -> throw new IllegalArgumentException("unknown model " + model);
        };
    return options.depth() == 0 ? preset : preset.withDepth(options.depth());
  }

  /**
   * Measures every row: first Vim with the first scan and DeiT, sizes outermost, Vim and DeiT
   * alternating; then Vim with each further scan over the same cases (so a total time budget cuts
   * the extra scans first).
   */
  public List<BenchRow> run() {
    List<List<Row>> passes = new ArrayList<>();
    for (SelectiveScan scan : scans) {
      Row vim = new Row("vim-tiny", scan);
      passes.add(passes.isEmpty() ? List.of(vim, new Row("deit-tiny", scan)) : List.of(vim));
    }
    CaseBudget budget = new CaseBudget(options.maxTotalSeconds());
    List<BenchRow> rows = new ArrayList<>();
    for (List<Row> models : passes) {
      for (int px : options.sizes()) {
        for (int batch : options.batches()) {
          for (Row model : models) {
            if (options.models().contains(model.name())) {
              Map<String, Object> params = params(model, px, batch);
              rows.add(
                  budget.measure(
                      model.name(),
                      params,
                      left -> measure(model, px, batch, params, harnessWithin(left))));
            }
          }
        }
      }
    }
    return rows;
  }

  private Map<String, Object> params(Row model, int px, int batch) {
    Map<String, Object> params = BackboneBench.params(px, batch);
    if (model.name().equals("vim-tiny")) {
      params.put("scan", model.scan().id());
    }
    if (options.depth() != 0) {
      params.put("depth", options.depth());
    }
    params.put("mode", "train");
    params.put("mem", memory.method());
    return params;
  }

  /**
   * Returns the harness whose row budget is at most {@code seconds}, what is left of the total: a
   * slow last row (Vim with the chunked scan at batch 128 on a GPU) then stops after its minimum of
   * steps instead of running the full row budget past the total.
   */
  private BenchHarness harnessWithin(double seconds) {
    return seconds >= harness.maxSecondsPerRow()
        ? harness
        : new BenchHarness(harness.warmup(), harness.warmupSeconds(), harness.runs(), seconds);
  }

  private BenchRow measure(
      Row model, int px, int batch, Map<String, Object> params, BenchHarness rowHarness) {
    // An engine failure (out of memory) reaches the budget after the manager freed the case.
    try (NDManager manager = NDManager.newBaseManager(options.device())) {
      Engine.getInstance().setRandomSeed(0);
      TrainStep step = TrainStep.create(config(model.name(), px), model.scan(), batch, manager);
      try (PeakMemory.Window window = memory.open()) {
        BenchRow row = rowHarness.measure(model.name(), params, step).withItemsPerRun(batch);
        return row.withMeasure("peak_mb", window.peakMb())
            .withMeasure("start_mb", window.startMb())
            .withMeasure("loss", step.loss());
      }
    }
  }

  /** A model to measure and the scan Vim runs with (ignored by DeiT). */
  private record Row(String name, SelectiveScan scan) {}
}
