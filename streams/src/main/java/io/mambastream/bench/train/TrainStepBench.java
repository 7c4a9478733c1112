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
import io.mambastream.bench.backbone.VimDeitBench;
import io.mambastream.bench.backbone.VimDeitCase;
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
public final class TrainStepBench extends VimDeitBench {
  /**
   * What to measure.
   *
   * @param sizes square image sizes in pixels (multiples of 16)
   * @param batches batch sizes
   * @param models which of {@link VimDeitBench#MODELS} to measure
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
      if (models.isEmpty()) {
        throw new IllegalArgumentException("give at least one model");
      }
      VimDeitBench.checkCases("model", models, sizes, batches, device, scans, maxTotalSeconds);
      if (depth < 0) {
        throw new IllegalArgumentException(
            "depth must be >= 1 (or 0 for the preset), got " + depth);
      }
    }
  }

  private final Options options;

  /**
   * Creates the benchmark with the differentiable scans of {@link #scanFor} (auto and chunked on
   * the CPU give one row).
   *
   * @throws IllegalArgumentException if a scan does not exist for the device or cannot train
   */
  public TrainStepBench(Options options, BenchHarness harness) {
    super(options.scans(), id -> scanFor(id, options.device()), options.device(), harness);
    this.options = options;
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

  /**
   * Returns the classifier {@code model} (an id of {@link VimDeitBench#MODELS}) at {@code px}
   * pixels.
   */
  public ClassifierConfig config(String model, int px) {
    ClassifierConfig preset =
        switch (model) {
          case "vim-tiny" ->
              new ClassifierConfig("vim", 192, 24, 16, 16, 0, px, 3, 1000, -1, false, List.of());
          case "deit-tiny" ->
              new ClassifierConfig("vit", 192, 12, 16, 0, 3, px, 3, 1000, -1, false, List.of());
          default -> throw new IllegalArgumentException("unknown model " + model);
        };
    return options.depth() == 0 ? preset : preset.withDepth(options.depth());
  }

  /** Measures every row, in the order of {@link VimDeitCase#inOrder}. */
  public List<BenchRow> run() {
    return run(options.models(), options.sizes(), options.batches(), options.maxTotalSeconds());
  }

  @Override
  protected Map<String, Object> params(VimDeitCase item) {
    Map<String, Object> params = item.params();
    if (options.depth() != 0) {
      params.put("depth", options.depth());
    }
    params.put("mode", "train");
    params.put("mem", memory().method());
    return params;
  }

  /**
   * Returns the harness whose row budget is at most {@code seconds}, what is left of the total: a
   * slow last row (Vim with the chunked scan at batch 128 on a GPU) then stops after its minimum of
   * steps instead of running the full row budget past the total.
   */
  private BenchHarness harnessWithin(double seconds) {
    BenchHarness harness = harness();
    return seconds >= harness.maxSecondsPerRow()
        ? harness
        : new BenchHarness(harness.warmup(), harness.warmupSeconds(), harness.runs(), seconds);
  }

  @Override
  protected BenchRow measure(VimDeitCase item, Map<String, Object> params, double secondsLeft) {
    BenchHarness rowHarness = harnessWithin(secondsLeft);
    // An engine failure (out of memory) reaches the budget after the manager freed the case.
    try (NDManager manager = NDManager.newBaseManager(options.device())) {
      Engine.getInstance().setRandomSeed(0);
      TrainStep step =
          TrainStep.create(config(item.model(), item.px()), item.scan(), item.batch(), manager);
      try (PeakMemory.Window window = memory().open()) {
        BenchRow row = rowHarness.measure(item.model(), params, step).withItemsPerRun(item.batch());
        return row.withMeasure("peak_mb", window.peakMb())
            .withMeasure("start_mb", window.startMb())
            .withMeasure("loss", step.loss());
      }
    }
  }
}
