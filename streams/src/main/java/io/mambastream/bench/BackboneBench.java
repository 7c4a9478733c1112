package io.mambastream.bench;

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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inference throughput and peak memory of Vim-Ti against DeiT-Ti, both ours on the same DJL engine,
 * random weights, float32, one row per (model, image size, batch).
 *
 * <p>Each row builds the model for its image size in its own {@link NDManager}, runs {@code warmup}
 * untimed and {@code runs} timed forward passes, each in a sub-manager that frees its activations,
 * and reads the logits back (so the pass has finished). Vim uses the fused CPU scan.
 */
public final class BackboneBench {
  private static final Logger LOG = LoggerFactory.getLogger(BackboneBench.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * What to measure.
   *
   * @param sizes square image sizes in pixels (multiples of 16)
   * @param batches batch sizes
   * @param runs timed passes per row
   * @param warmup untimed passes per row before the timed ones
   * @param threads threads of the fused scan (the engine's intra-op threads are set by the caller)
   */
  public record Options(
      List<Integer> sizes, List<Integer> batches, int runs, int warmup, int threads) {

    /** Checks the values. */
    public Options {
      sizes = List.copyOf(sizes);
      batches = List.copyOf(batches);
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
      if (runs < 1 || warmup < 0 || threads < 1) {
        throw new IllegalArgumentException("runs and threads must be >= 1, warmup >= 0");
      }
    }
  }

  private final Options options;

  /** Creates the benchmark. */
  public BackboneBench(Options options) {
    this.options = options;
  }

  /** The two models of the comparison, by row name. */
  private List<Model> models() {
    FusedScan scan = FusedScan.builder().optThreads(options.threads()).build();
    return List.of(
        new Model(
            "vim-tiny", px -> VisionMamba.builder().tiny().optImageSize(px).optScan(scan).build()),
        new Model("deit-tiny", px -> VisionTransformer.builder().tiny().optImageSize(px).build()));
  }

  /** Measures every row, sizes outermost; Vim and DeiT alternate so that load drifts hit both. */
  public List<BackboneRow> run() {
    List<BackboneRow> rows = new ArrayList<>();
    for (int px : options.sizes()) {
      for (int batch : options.batches()) {
        for (Model model : models()) {
          BackboneRow row = measure(model, px, batch);
          LOG.info(
              "{} {} px batch {}: median {} ms ({} ms CPU), {} img/s, peak {} MiB",
              row.name(),
              px,
              batch,
              String.format("%.1f", row.medianMs()),
              String.format("%.1f", row.cpuMs()),
              String.format("%.2f", row.perS()),
              String.format("%.0f", row.peakMb()));
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private BackboneRow measure(Model model, int px, int batch) {
    Shape images = new Shape(batch, 3, px, px);
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(0);
      Backbone backbone = model.factory().apply(px);
      backbone.initialize(manager, DataType.FLOAT32, images);
      ParameterStore store = new ParameterStore(manager, false);
      System.gc(); // what earlier rows left on the Java heap is not this row's
      PeakRss.reset();
      double startMb = PeakRss.currentMb();
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (int i = 0; i < options.warmup() + options.runs(); i++) {
        try (NDManager step = manager.newSubManager()) {
          NDArray x = step.randomNormal(images);
          long start = System.nanoTime();
          long startCpu = THREADS.getCurrentThreadCpuTime();
          NDArray logits = backbone.forward(store, new NDList(x), false).singletonOrThrow();
          logits.toFloatArray();
          if (i >= options.warmup()) {
            wall.add((System.nanoTime() - start) / 1e6);
            cpu.add((THREADS.getCurrentThreadCpuTime() - startCpu) / 1e6);
          }
        }
      }
      return BackboneRow.of(model.name(), px, batch, wall, cpu, PeakRss.peakMb(), startMb);
    }
  }

  private record Model(String name, IntFunction<Backbone> factory) {}
}
