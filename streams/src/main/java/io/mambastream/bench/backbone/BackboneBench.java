package io.mambastream.bench.backbone;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.vim.VisionMamba;
import io.mambastream.backbones.vit.VisionTransformer;
import io.mambastream.bench.BenchCase;
import io.mambastream.bench.BenchHarness;
import io.mambastream.bench.BenchRow;
import io.mambastream.bench.PeakRss;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Inference throughput and peak memory of Vim-Ti against DeiT-Ti, both ours on the same DJL engine,
 * random weights, float32, one row per (model, image size, batch).
 *
 * <p>Each row builds the model for its image size in its own {@link NDManager} and lets the {@link
 * BenchHarness} time forward passes, each in a sub-manager that frees its activations, reading the
 * logits back (so the pass has finished). Vim uses the fused CPU scan. Besides the harness's wall
 * times a row carries {@code cpu_ms} (median CPU time of the measuring thread, all the work when
 * the engine runs on that one thread), {@code peak_mb} (process resident-set high-water mark during
 * the row, see {@link PeakRss}) and {@code start_mb} (resident set when the row started); {@code
 * per_s} counts images.
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
   */
  public record Options(
      List<Integer> sizes, List<Integer> batches, int threads, List<String> rows) {

    /** Checks the values. */
    public Options {
      sizes = List.copyOf(sizes);
      batches = List.copyOf(batches);
      rows = List.copyOf(rows);
      for (String row : rows) {
        if (!ROWS.contains(row)) {
          throw new IllegalArgumentException("unknown row " + row + "; known: " + ROWS);
        }
      }
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
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
    }
  }

  private final Options options;
  private final BenchHarness harness;

  /** Creates the benchmark. */
  public BackboneBench(Options options, BenchHarness harness) {
    this.options = options;
    this.harness = harness;
  }

  /** Returns the parameters of a row: {@code px} and {@code batch}. */
  public static Map<String, Object> params(int px, int batch) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("px", px);
    params.put("batch", batch);
    return params;
  }

  /** Measures every row, sizes outermost; Vim and DeiT alternate so that load drifts hit both. */
  public List<BenchRow> run() {
    FusedScan scan = FusedScan.builder().optThreads(options.threads()).build();
    List<Model> models =
        List.of(
            new Model(
                "vim-tiny",
                px -> VisionMamba.builder().tiny().optImageSize(px).optScan(scan).build()),
            new Model(
                "deit-tiny", px -> VisionTransformer.builder().tiny().optImageSize(px).build()));
    List<BenchRow> rows = new ArrayList<>();
    for (int px : options.sizes()) {
      for (int batch : options.batches()) {
        for (Model model : models) {
          if (options.rows().contains(model.name())) {
            rows.add(measure(model, px, batch));
          }
        }
      }
    }
    return rows;
  }

  private BenchRow measure(Model model, int px, int batch) {
    Shape images = new Shape(batch, 3, px, px);
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(0);
      Backbone backbone = model.factory().apply(px);
      backbone.initialize(manager, DataType.FLOAT32, images);
      ForwardPass pass = new ForwardPass(manager, backbone, images);
      System.gc(); // what earlier rows left on the Java heap is not this row's
      PeakRss.reset();
      double startMb = PeakRss.currentMb();
      BenchRow row = harness.measure(model.name(), params(px, batch), pass);
      return row.withItemsPerRun(batch)
          .withMeasure("cpu_ms", pass.medianCpuMs(row.runs()))
          .withMeasure("peak_mb", PeakRss.peakMb())
          .withMeasure("start_mb", startMb);
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
      input = step.randomNormal(images);
    }

    @Override
    public void run() {
      long start = THREADS.getCurrentThreadCpuTime();
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

  private record Model(String name, IntFunction<Backbone> factory) {}
}
