package io.mambastream.bench.scan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.cuda.CudaLibrary;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.ssm.ChunkedSsd;
import io.mambastream.backbones.ssm.CudaScan;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.MaskMode;
import io.mambastream.backbones.ssm.ScanArrays;
import io.mambastream.backbones.ssm.ScanInputs;
import io.mambastream.backbones.ssm.ScanWorkspace;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.ssm.SequentialScan;
import io.mambastream.backbones.ssm.SsdInputs;
import io.mambastream.bench.BenchCase;
import io.mambastream.bench.BenchHarness;
import io.mambastream.bench.BenchReport;
import io.mambastream.bench.BenchRow;
import io.mambastream.bench.CpuPeaks;
import io.mambastream.bench.MachineInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selective-scan benchmark: every implementation on the same seeded inputs per shape, the
 * independent PyTorch loop, and the fused kernel's distance from this CPU's floor.
 *
 * <p>Rows: {@code fused} (the float[] kernel with a preallocated workspace on all threads), {@code
 * fused-1t} (one thread), {@code fused-ndarray} (through {@link SelectiveScan#apply}, NDArray
 * copies in and out included), {@code sequential} (the NDArray reference), {@code chunked} ({@link
 * ChunkedScan}), {@code ssd} ({@link ChunkedSsd} with H = D / 64 heads of P = 64, the same B·L·D·N
 * state work at one decay per head), {@code torch-loop} (PyTorch, from {@code scan_reference.py},
 * on the same threads as {@code fused}) and {@code torch-loop-1t} (the same on one thread, to set
 * beside {@code fused-1t}).
 *
 * <p>On a GPU ({@code device}) the NDArray rows {@code sequential}, {@code chunked} and {@code ssd}
 * run on the device, inputs created there; each timed call ends by reading back one scalar (the sum
 * of y), which waits for its kernels. The fused rows (a CPU float[] kernel) and the PyTorch loop
 * (CPU) are skipped there, with a note; the agreement check still compares the fused CPU kernel
 * with the sequential scan on the device.
 */
public final class ScanBenchmark {
  /** Every row name, in the order rows are measured. */
  public static final List<String> ROWS =
      List.of(
          "fused",
          "fused-1t",
          "fused-ndarray",
          "sequential",
          "chunked",
          "cuda",
          "ssd",
          "torch-loop",
          "torch-loop-1t");

  /** Rows that run on the CPU only: skipped with a note on a GPU. */
  public static final List<String> CPU_ONLY_ROWS =
      List.of("fused", "fused-1t", "fused-ndarray", "torch-loop", "torch-loop-1t");

  /** Cases whose ChunkedScan intermediates would exceed this many bytes per tensor skip it. */
  static final long CHUNKED_MAX_TENSOR_BYTES = 1L << 30;

  private static final Logger LOG = LoggerFactory.getLogger(ScanBenchmark.class);

  private final List<ScanShape> shapes;
  private final BenchHarness harness;
  private final int threads;
  private final Set<String> rows;
  private final String python;
  private final long bandwidthBytes;
  private final Device device;
  private final List<String> skipNotes = new ArrayList<>();

  /**
   * Creates the benchmark.
   *
   * @param shapes the cases
   * @param harness warm-up, runs and time budget of every row
   * @param threads threads of the fused kernel, the peaks and the PyTorch reference
   * @param rows the rows to measure (a subset of {@link #ROWS})
   * @param python the Python with torch for {@code torch-loop}
   * @param bandwidthBytes size of the array the bandwidth peak sums
   * @param device where the NDArray rows run; on a GPU the {@link #CPU_ONLY_ROWS} are skipped, on
   *     the CPU (or without our native CUDA library) {@code cuda}
   */
  public ScanBenchmark(
      List<ScanShape> shapes,
      BenchHarness harness,
      int threads,
      Set<String> rows,
      String python,
      long bandwidthBytes,
      Device device) {
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException("at least one shape is needed");
    }
    for (String row : rows) {
      if (!ROWS.contains(row)) {
        throw new IllegalArgumentException("unknown row '" + row + "'; rows are " + ROWS);
      }
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    this.shapes = List.copyOf(shapes);
    this.harness = harness;
    this.threads = threads;
    this.device = device;
    Set<String> kept = new java.util.LinkedHashSet<>(rows);
    if (device.isGpu()) {
      List<String> cpuOnly = kept.stream().filter(CPU_ONLY_ROWS::contains).toList();
      if (!cpuOnly.isEmpty()) {
        kept.removeAll(cpuOnly);
        skipNotes.add(
            "not measured on "
                + device
                + ": "
                + String.join(", ", cpuOnly)
                + " (CPU kernels: the fused scan works on float[] on the host, the PyTorch loop"
                + " runs on the CPU)");
      }
    }
    if (kept.contains("cuda") && !(device.isGpu() && CudaLibrary.isAvailable())) {
      kept.remove("cuda");
      skipNotes.add(
          "cuda not measured: "
              + (device.isGpu()
                  ? "the native CUDA library is not available: "
                      + CudaLibrary.unavailableReason().orElse("?")
                  : "a GPU-only operator (--device gpu)"));
    }
    this.rows = Set.copyOf(kept);
    this.python = python;
    this.bandwidthBytes = bandwidthBytes;
  }

  /** Runs every row on every shape, measures the CPU peaks and returns the report. */
  public BenchReport run(String command) {
    MachineInfo machine = MachineInfo.detect(device);
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<String> notes = new ArrayList<>();
    List<BenchRow> measured = new ArrayList<>();
    notes.addAll(skipNotes);
    if (device.isGpu()) {
      notes.add(
          "on "
              + device
              + " inputs live on the device and every timed call ends by reading back the sum of"
              + " y, which waits for its kernels");
    }
    FusedScan fused = FusedScan.builder().optThreads(threads).build();
    if (rows.stream().anyMatch(row -> row.startsWith("fused"))) {
      notes.add(fusedNote(fused));
    }
    notes.add(
        String.format(
            "warm-up at least %d runs and %.0f s, then up to %d timed runs per row; time budget"
                + " %.0f s per row for each",
            harness.warmup(), harness.warmupSeconds(), harness.runs(), harness.maxSecondsPerRow()));
    if (machine.loadAverage() > 0.5) {
      notes.add(
          String.format(
              "the machine was shared: load average %.2f on %d cores when the benchmark started",
              machine.loadAverage(), machine.cores()));
    }
    for (ScanShape shape : shapes) {
      measured.addAll(measureShape(shape, fused, notes));
    }
    if (rows.contains("torch-loop")) {
      measured.addAll(torchRows("torch-loop", threads, notes));
    }
    if (rows.contains("torch-loop-1t") && !(threads == 1 && rows.contains("torch-loop"))) {
      measured.addAll(torchRows("torch-loop-1t", 1, notes));
    }
    Map<String, Object> sections = new LinkedHashMap<>();
    if (rows.contains("fused") || rows.contains("fused-1t")) {
      sections.put("floor", floor(measured));
    }
    notes.add(
        String.format(
            "load average %.2f when the benchmark ended", MachineInfo.currentLoadAverage()));
    return new BenchReport("scan", command, date, machine, measured, notes, sections);
  }

  private String fusedNote(FusedScan fused) {
    return "fused: "
        + threads
        + " thread(s), vectors "
        + fused.vectorDescription()
        + "; fused-1t: 1 thread; fused and fused-1t time the float[] kernel with a"
        + " preallocated workspace, fused-ndarray adds the NDArray copies in and out";
  }

  private List<BenchRow> torchRows(String name, int torchThreads, List<String> notes) {
    TorchScanReference.Outcome torch =
        TorchScanReference.run(python, shapes, harness, torchThreads, name);
    if (torch.problem() != null) {
      LOG.warn("{} omitted: {}", name, torch.problem());
      notes.add(name + " omitted: " + torch.problem());
      return List.of();
    }
    notes.add(name + ": PyTorch " + torch.torchVersion() + ", " + torch.threads() + " thread(s)");
    return torch.rows();
  }

  private List<BenchRow> measureShape(ScanShape shape, FusedScan fused, List<String> notes) {
    List<BenchRow> out = new ArrayList<>();
    ScanArrays arrays = randomInputs(shape, 2026);
    Map<String, Object> params = shape.params();
    float[] y = new float[(int) shape.outputs()];
    float[] last = new float[shape.batch() * shape.channels() * shape.state()];
    if (rows.contains("fused")) {
      ScanWorkspace workspace = fused.newWorkspace(arrays);
      out.add(harness.measure("fused", params, () -> fused.scan(arrays, workspace, y, last)));
    }
    if (rows.contains("fused-1t")) {
      FusedScan single = FusedScan.builder().optThreads(1).build();
      ScanWorkspace workspace = single.newWorkspace(arrays);
      out.add(harness.measure("fused-1t", params, () -> single.scan(arrays, workspace, y, last)));
    }
    try (NDManager manager = NDManager.newBaseManager(device)) {
      ScanInputs inputs = arrays.toInputs(manager);
      if (rows.contains("fused-ndarray")) {
        out.add(harness.measure("fused-ndarray", params, scoped(() -> fused.apply(inputs).y())));
      }
      if (rows.contains("sequential")) {
        SequentialScan sequential = new SequentialScan();
        out.add(harness.measure("sequential", params, scoped(() -> sequential.apply(inputs).y())));
        notes.add(agreement(shape, "fused", fused.scan(arrays).y(), inputs));
      }
      if (rows.contains("chunked")) {
        ChunkedScan chunked = new ChunkedScan();
        // The decay-matrix form keeps B·D·L·T·N-sized tensors, the recurrence form B·D·L·N.
        long perUpdate =
            chunked.intraChunk() == ChunkedScan.IntraChunk.DECAY_MATRIX
                ? Math.min(chunked.chunkSize(), shape.length())
                : 1;
        long tensorBytes = 4 * shape.updates() * perUpdate;
        if (tensorBytes > CHUNKED_MAX_TENSOR_BYTES) {
          notes.add(
              String.format(
                  "chunked skipped at %s: its intermediate tensors would take %.1f GiB each",
                  shape.text(), tensorBytes / (double) (1L << 30)));
        } else {
          out.add(harness.measure("chunked", params, scoped(() -> chunked.apply(inputs).y())));
        }
      }
      if (rows.contains("cuda")) {
        CudaScan cuda = new CudaScan();
        out.add(harness.measure("cuda", params, scoped(() -> cuda.apply(inputs).y())));
        notes.add(agreement(shape, "cuda", cuda.apply(inputs).y().toFloatArray(), inputs));
      }
      if (rows.contains("ssd")) {
        out.add(measureSsd(shape, manager));
      }
    }
    return out;
  }

  /** The SSD case: H heads of P = 64 channels (or one head of D), same B, L, N, G = 1. */
  private BenchRow measureSsd(ScanShape shape, NDManager manager) {
    int headDim = shape.channels() % 64 == 0 ? 64 : shape.channels();
    int heads = shape.channels() / headDim;
    Random random = new Random(7);
    int b = shape.batch();
    int l = shape.length();
    int n = shape.state();
    SsdInputs inputs =
        SsdInputs.builder()
            .setX(
                manager.create(
                    normal(random, b * l * heads * headDim), new Shape(b, l, heads, headDim)))
            .setDt(manager.create(normal(random, b * l * heads, -1), new Shape(b, l, heads)))
            .setA(manager.create(negativeRamp(heads)))
            .setB(manager.create(normal(random, b * l * n), new Shape(b, l, n)))
            .setC(manager.create(normal(random, b * l * n), new Shape(b, l, n)))
            .optD(manager.create(normal(random, heads)))
            .optDtBias(manager.create(normal(random, heads)))
            .optDtSoftplus(true)
            .build();
    Map<String, Object> params = shape.params();
    params.put("H", heads);
    params.put("P", headDim);
    ChunkedSsd ssd = new ChunkedSsd();
    return harness.measure("ssd", params, scoped(() -> ssd.apply(inputs).y()));
  }

  /**
   * Opens an NDScope before each run and closes it after, so intermediates never pile up; on a GPU
   * the run ends by reading back the sum of its output, which waits for its kernels.
   */
  private BenchCase scoped(Supplier<NDArray> body) {
    boolean wait = device.isGpu();
    return new BenchCase() {
      private NDScope scope;

      @Override
      public void before() {
        scope = new NDScope();
      }

      @Override
      public void run() {
        NDArray y = body.get(); // the results are closed with the scope
        if (wait) {
          y.sum().toFloatArray();
        }
      }

      @Override
      public void after() {
        scope.close();
      }
    };
  }

  /** Returns a note with the relative error of {@code y} of scan {@code name} to the sequential. */
  private static String agreement(ScanShape shape, String name, float[] y, ScanInputs inputs) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray expected = new SequentialScan().apply(inputs).y();
      float[] e = expected.toFloatArray();
      double maxDiff = 0;
      double maxRef = 0;
      for (int i = 0; i < e.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs((double) y[i] - e[i]));
        maxRef = Math.max(maxRef, Math.abs((double) e[i]));
      }
      Device where = inputs.x().getDevice();
      boolean crossDevice = where.isGpu() && name.equals("fused");
      return String.format(
          "%s vs sequential%s at %s: relative error max|a-b|/max|b| = %.2e",
          name,
          crossDevice ? " (fused on the CPU, sequential on " + where + ")" : "",
          shape.text(),
          maxDiff / maxRef);
    }
  }

  private Map<String, Object> floor(List<BenchRow> measured) {
    List<CpuPeaks> peaks = new ArrayList<>();
    CpuPeaks all = CpuPeaks.measure(threads, bandwidthBytes);
    peaks.add(all);
    CpuPeaks one = threads == 1 ? all : CpuPeaks.measure(1, bandwidthBytes);
    if (threads != 1) {
      peaks.add(one);
    }
    List<ScanWork> work = new ArrayList<>();
    for (ScanShape shape : shapes) {
      for (BenchRow row : measured) {
        if (!row.params().equals(shape.params())) {
          continue;
        }
        if (row.name().equals("fused")) {
          work.add(ScanWork.of("fused", shape, row.medianMs(), all));
        } else if (row.name().equals("fused-1t")) {
          work.add(ScanWork.of("fused-1t", shape, row.medianMs(), one));
        }
      }
    }
    Map<String, Object> floor = new LinkedHashMap<>();
    floor.put("peaks", peaks);
    floor.put("rows", work);
    return floor;
  }

  /**
   * Seeded inputs with a trained layer's magnitudes: x, z, B, C standard normal; raw Δ ~ N(-1, 1)
   * with a bias through softplus; A = -(n + 1) (the S4D-real init); a skip D.
   */
  static ScanArrays randomInputs(ScanShape shape, long seed) {
    Random random = new Random(seed);
    int sequence = (int) shape.outputs();
    int projected = shape.batch() * shape.state() * shape.length();
    float[] a = new float[shape.channels() * shape.state()];
    for (int i = 0; i < a.length; i++) {
      a[i] = -(i % shape.state() + 1);
    }
    return new ScanArrays(
        shape.batch(),
        shape.channels(),
        shape.length(),
        shape.state(),
        normal(random, sequence),
        normal(random, sequence, -1),
        a,
        normal(random, projected),
        normal(random, projected),
        normal(random, shape.channels()),
        normal(random, sequence),
        normal(random, shape.channels()),
        true,
        null,
        MaskMode.CARRY_STATE);
  }

  private static float[] negativeRamp(int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = -(i + 1);
    }
    return values;
  }

  private static float[] normal(Random random, int size) {
    return normal(random, size, 0);
  }

  private static float[] normal(Random random, int size, double mean) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) (random.nextGaussian() + mean);
    }
    return values;
  }
}
