package io.mambastream.bench.backbone;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.cuda.CudaLibrary;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.ScanChoice;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.vim.VisionMamba;
import io.mambastream.backbones.vit.VisionTransformer;
import io.mambastream.bench.BenchCase;
import io.mambastream.bench.BenchHarness;
import io.mambastream.bench.BenchRow;
import io.mambastream.bench.CaseBudget;
import io.mambastream.bench.PeakMemory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inference throughput and peak memory of Vim-Ti against DeiT-Ti, both ours on the same DJL engine,
 * random weights, float32, one row per (model, image size, batch), on the CPU or a GPU.
 *
 * <p>Each row builds the model for its image size in its own {@link NDManager} on the device and
 * lets the {@link BenchHarness} time forward passes, each on fresh random images created on the
 * device in a sub-manager that frees its activations. Every pass reads the logits back to the host,
 * which waits for the device's queued kernels, so GPU times count the whole pass. Vim is measured
 * once per scan of {@link Options#scans()} (see {@link #scanFor}; by default the fused kernel on
 * the CPU, the fused CUDA operator or else the chunked scan on a GPU), the scan's id written as
 * {@code scan} in its rows' params.
 *
 * <p>Besides the harness's wall times a row carries {@code peak_mb} and {@code start_mb} (memory at
 * the row's start) measured by {@link PeakMemory}, whose method is the row's {@code mem} param, and
 * on the CPU {@code cpu_ms} (median CPU time of the measuring thread, all the work when the engine
 * runs on that one thread); {@code per_s} counts images. A case that fails in the engine (out of
 * memory) or finds the total time budget spent becomes a row with an {@code error} (see {@link
 * CaseBudget}).
 */
public final class BackboneBench extends VimDeitBench {
  /** The row ids, in the order measured. */
  public static final List<String> ROWS = MODELS;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * What to measure.
   *
   * @param sizes square image sizes in pixels (multiples of 16)
   * @param batches batch sizes
   * @param threads threads of the fused scan (the engine's intra-op threads are set by the caller)
   * @param rows which of {@link #ROWS} to measure
   * @param device where models and images live
   * @param scans the scans of Vim's Mamba layers, ids of {@link #scanFor} (a Vim row each)
   * @param maxTotalSeconds time budget of the whole run; cases that would start after it are
   *     skipped (rows with an error)
   */
  public record Options(
      List<Integer> sizes,
      List<Integer> batches,
      int threads,
      List<String> rows,
      Device device,
      List<String> scans,
      double maxTotalSeconds) {

    /** Checks the values. */
    public Options {
      sizes = List.copyOf(sizes);
      batches = List.copyOf(batches);
      rows = List.copyOf(rows);
      scans = List.copyOf(scans);
      checkCases("row", rows, sizes, batches, device, scans, maxTotalSeconds);
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
    }
  }

  private final Options options;

  /**
   * Creates the benchmark with the scans of {@link #scanFor} (auto and cuda on a GPU give one row).
   *
   * @throws IllegalArgumentException if a scan does not exist for the device
   */
  public BackboneBench(Options options, BenchHarness harness) {
    super(
        options.scans(),
        id -> scanFor(id, options.device(), options.threads()),
        options.device(),
        harness);
    this.options = options;
  }

  /**
   * Returns the scan with option value {@code id} for {@code device}: {@code auto} (the fused
   * kernel on the CPU, else {@link ScanChoice#forInference}), {@code fused} (CPU only: a float[]
   * kernel), {@code cuda} (GPU only, needs our native library), {@code chunked}, {@code
   * sequential}; the fused kernel gets {@code threads} threads.
   *
   * @throws IllegalArgumentException for an unknown id or one that cannot run on the device
   */
  public static SelectiveScan scanFor(String id, Device device, int threads) {
    boolean gpu = device.isGpu();
    switch (id) {
      case "fused":
        if (gpu) {
          throw new IllegalArgumentException(
              "--scan fused is the CPU float[] kernel; on a GPU use auto, cuda or chunked");
        }
        return FusedScan.builder().optThreads(threads).build();
      case "auto":
        return gpu ? ScanChoice.forInference(device) : scanFor("fused", device, threads);
      case "cuda":
        if (!gpu) {
          throw new IllegalArgumentException("--scan cuda needs --device gpu");
        }
        if (!CudaLibrary.isAvailable()) {
          throw new IllegalArgumentException(
              "--scan cuda: the native CUDA library is not available: "
                  + CudaLibrary.unavailableReason().orElse("?"));
        }
        return ScanChoice.byId(id, device);
      default:
        return ScanChoice.byId(id, device); // chunked, sequential; unknown ids throw
    }
  }

  /** Returns the parameters of a row: {@code px} and {@code batch}. */
  public static Map<String, Object> params(int px, int batch) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("px", px);
    params.put("batch", batch);
    return params;
  }

  /** Measures every row, in the order of {@link VimDeitCase#inOrder}. */
  public List<BenchRow> run() {
    return run(options.rows(), options.sizes(), options.batches(), options.maxTotalSeconds());
  }

  @Override
  protected Map<String, Object> params(VimDeitCase item) {
    Map<String, Object> params = item.params();
    params.put("mem", memory().method());
    return params;
  }

  private static Backbone backbone(VimDeitCase item) {
    return item.model().equals("vim-tiny")
        ? VisionMamba.builder().tiny().optImageSize(item.px()).optScan(item.scan()).build()
        : VisionTransformer.builder().tiny().optImageSize(item.px()).build();
  }

  @Override
  protected BenchRow measure(VimDeitCase item, Map<String, Object> params, double secondsLeft) {
    Shape images = new Shape(item.batch(), 3, item.px(), item.px());
    // An engine failure (out of memory) reaches the budget after the manager freed the case.
    try (NDManager manager = NDManager.newBaseManager(options.device())) {
      Engine.getInstance().setRandomSeed(0);
      Backbone backbone = backbone(item);
      backbone.initialize(manager, DataType.FLOAT32, images);
      ForwardPass pass = new ForwardPass(manager, backbone, images);
      try (PeakMemory.Window window = memory().open()) {
        BenchRow row = harness().measure(item.model(), params, pass).withItemsPerRun(item.batch());
        if (!options.device().isGpu()) {
          row = row.withMeasure("cpu_ms", pass.medianCpuMs(row.runs()));
        }
        return row.withMeasure("peak_mb", window.peakMb())
            .withMeasure("start_mb", window.startMb());
      }
    }
  }

  /** One forward pass on fresh random images, in a sub-manager; records its thread CPU time. */
  private static final class ForwardPass implements BenchCase {
    private final NDManager manager;
    private final Backbone backbone;
    private final ParameterStore store;
    private final Shape images;
    private final List<Double> cpuMs = new ArrayList<>();
    private NDManager step;
    private NDArray input;

    ForwardPass(NDManager manager, Backbone backbone, Shape images) {
      this.manager = manager;
      this.backbone = backbone;
      this.store = new ParameterStore(manager, false);
      this.images = images;
    }

    @Override
    public void before() {
      step = manager.newSubManager();
      input = step.randomNormal(images); // on the manager's device
    }

    @Override
    public void run() {
      long start = THREADS.getCurrentThreadCpuTime();
      // Reading the logits back waits for every kernel of the pass (GPU work is asynchronous).
      backbone.forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
      cpuMs.add((THREADS.getCurrentThreadCpuTime() - start) / 1e6);
    }

    @Override
    public void after() {
      step.close();
    }

    /** The median CPU time of the last {@code timedRuns} passes (the harness's timed ones). */
    double medianCpuMs(int timedRuns) {
      double[] timed =
          cpuMs.subList(cpuMs.size() - timedRuns, cpuMs.size()).stream()
              .mapToDouble(Double::doubleValue)
              .sorted()
              .toArray();
      int n = timed.length;
      return n % 2 == 1 ? timed[n / 2] : (timed[n / 2 - 1] + timed[n / 2]) / 2;
    }
  }
}
