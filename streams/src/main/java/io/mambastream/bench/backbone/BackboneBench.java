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
import java.util.function.Function;
import java.util.function.IntFunction;

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
public final class BackboneBench {
  /** The row ids, in the order measured. */
  public static final List<String> ROWS = List.of("vim-tiny", "deit-tiny");

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
      for (String row : rows) {
        if (!ROWS.contains(row)) {
          throw new IllegalArgumentException("unknown row " + row + "; known: " + ROWS);
        }
      }
      checkCases(sizes, batches, device, scans);
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      CaseBudget.check(maxTotalSeconds);
    }
  }

  /**
   * Checks the cases of a Vim against DeiT benchmark (this one and the training-step one).
   *
   * @throws IllegalArgumentException if there is no size, batch, device or scan, a size is not a
   *     positive multiple of 16 or a batch is not positive
   */
  public static void checkCases(
      List<Integer> sizes, List<Integer> batches, Device device, List<String> scans) {
    if (sizes.isEmpty() || batches.isEmpty()) {
      throw new IllegalArgumentException("give at least one size and one batch");
    }
    for (int px : sizes) {
      if (px < 16 || px % 16 != 0) {
        throw new IllegalArgumentException("sizes must be positive multiples of 16, got " + px);
      }
    }
    for (int batch : batches) {
      if (batch < 1) {
        throw new IllegalArgumentException("batches must be positive, got " + batch);
      }
    }
    if (device == null || scans.isEmpty()) {
      throw new IllegalArgumentException("a device and at least one scan must be given");
    }
  }

  private final Options options;
  private final BenchHarness harness;
  private final PeakMemory memory;
  private final List<SelectiveScan> scans;

  /**
   * Creates the benchmark; resolves the scans for the device (two ids that resolve to the same
   * scan, such as auto and cuda on a GPU, give one).
   *
   * @throws IllegalArgumentException if a scan does not exist for the device
   */
  public BackboneBench(Options options, BenchHarness harness) {
    this.options = options;
    this.harness = harness;
    this.scans =
        distinctScans(options.scans(), id -> scanFor(id, options.device(), options.threads()));
    this.memory = PeakMemory.of(options.device());
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

  /**
   * Returns the scans that {@code ids} resolve to through {@code scanFor}, in order, the first of
   * those with the same {@link SelectiveScan#id()} only.
   */
  public static List<SelectiveScan> distinctScans(
      List<String> ids, Function<String, SelectiveScan> scanFor) {
    Map<String, SelectiveScan> resolved = new LinkedHashMap<>();
    for (String id : ids) {
      SelectiveScan scan = scanFor.apply(id);
      resolved.putIfAbsent(scan.id(), scan);
    }
    return List.copyOf(resolved.values());
  }

  /** Returns the scans Vim runs with, one row each. */
  public List<SelectiveScan> scans() {
    return scans;
  }

  /** Returns how peak memory is measured. */
  public PeakMemory memory() {
    return memory;
  }

  /** Returns the parameters of a row: {@code px} and {@code batch}. */
  public static Map<String, Object> params(int px, int batch) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("px", px);
    params.put("batch", batch);
    return params;
  }

  /**
   * Measures every row: first Vim with the first scan and DeiT, sizes outermost, Vim and DeiT
   * alternating so that load drifts hit both; then Vim with each further scan over the same cases
   * (so a total time budget cuts the extra scans first).
   */
  public List<BenchRow> run() {
    Model deit =
        new Model(
            "deit-tiny", null, px -> VisionTransformer.builder().tiny().optImageSize(px).build());
    List<List<Model>> passes = new ArrayList<>();
    for (SelectiveScan scan : scans) {
      Model vim =
          new Model(
              "vim-tiny",
              scan.id(),
              px -> VisionMamba.builder().tiny().optImageSize(px).optScan(scan).build());
      passes.add(passes.isEmpty() ? List.of(vim, deit) : List.of(vim));
    }
    CaseBudget budget = new CaseBudget(options.maxTotalSeconds());
    List<BenchRow> rows = new ArrayList<>();
    for (List<Model> models : passes) {
      for (int px : options.sizes()) {
        for (int batch : options.batches()) {
          for (Model model : models) {
            if (options.rows().contains(model.name())) {
              Map<String, Object> params = model.params(px, batch, memory.method());
              rows.add(
                  budget.measure(model.name(), params, left -> measure(model, px, batch, params)));
            }
          }
        }
      }
    }
    return rows;
  }

  private BenchRow measure(Model model, int px, int batch, Map<String, Object> params) {
    Shape images = new Shape(batch, 3, px, px);
    // An engine failure (out of memory) reaches the budget after the manager freed the case.
    try (NDManager manager = NDManager.newBaseManager(options.device())) {
      Engine.getInstance().setRandomSeed(0);
      Backbone backbone = model.factory().apply(px);
      backbone.initialize(manager, DataType.FLOAT32, images);
      ForwardPass pass = new ForwardPass(manager, backbone, images);
      try (PeakMemory.Window window = memory.open()) {
        BenchRow row = harness.measure(model.name(), params, pass).withItemsPerRun(batch);
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

  /** A model to measure; {@code scan} is the scan id written in its params, or null. */
  private record Model(String name, String scan, IntFunction<Backbone> factory) {

    Map<String, Object> params(int px, int batch, String memoryMethod) {
      Map<String, Object> params = BackboneBench.params(px, batch);
      if (scan != null) {
        params.put("scan", scan);
      }
      params.put("mem", memoryMethod);
      return params;
    }
  }
}
