package io.mambastream.backbones.ssm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * A manual timing harness (not a test): times one scan implementation, forward or forward plus
 * backward, and reports wall time, the CPU time of the calling thread (with one PyTorch thread the
 * ops run on it, so this is robust to other load on the machine) and the peak resident memory of
 * the process. Run one configuration per JVM so that the memory peak belongs to it:
 *
 * <pre>
 * java -cp CLASSPATH io.mambastream.backbones.ssm.ScanBenchmark IMPL B D L N MODE REPS
 *   IMPL: sequential | matrix:T | recurrence:T | ssd-sequential | ssd:T
 *   MODE: forward | backward (forward and backward)
 * </pre>
 */
final class ScanBenchmark {

  private ScanBenchmark() {}

  /** Runs one configuration and prints one line of results. */
  public static void main(String[] args) throws IOException {
    int[] dims = Arrays.stream(args, 1, 5).mapToInt(Integer::parseInt).toArray();
    boolean backward = args[5].equals("backward");
    int reps = Integer.parseInt(args[6]);
    String name;
    Function<NDManager, Map<String, NDArray>> arrays;
    Function<Map<String, NDArray>, NDArray> loss;
    if (args[0].startsWith("ssd")) {
      // Mamba-2 heads of P = 64 over the same D channels, one group
      SsdScan scan =
          args[0].equals("ssd-sequential")
              ? new SequentialSsd()
              : new ChunkedSsd(Integer.parseInt(args[0].split(":")[1]));
      SsdCase ssdCase = new SsdCase(dims[0], dims[2], dims[1] / 64, 64, 1, dims[3], true, null, 1);
      name = scan instanceof ChunkedSsd ? scan.toString() : scan.id();
      arrays = ssdCase::arrays;
      loss = inputs -> sum(scan.apply(ssdCase.inputs(inputs)).y());
    } else {
      SelectiveScan scan =
          args[0].equals("sequential")
              ? new SequentialScan()
              : new ChunkedScan(
                  Integer.parseInt(args[0].split(":")[1]),
                  args[0].startsWith("matrix")
                      ? ChunkedScan.IntraChunk.DECAY_MATRIX
                      : ChunkedScan.IntraChunk.RECURRENCE);
      ScanCase scanCase = new ScanCase(dims[0], dims[1], dims[2], dims[3], true, null, 1);
      name = scan instanceof ChunkedScan ? scan.toString() : scan.id();
      arrays = scanCase::arrays;
      loss = inputs -> sum(scan.apply(scanCase.inputs(inputs)).y());
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] millis = new double[reps + 1];
    double[] cpuMillis = new double[reps + 1];
    long rssBefore = 0;
    try (NDManager base = NDManager.newBaseManager()) {
      for (int rep = 0; rep <= reps; rep++) { // rep 0 warms up
        try (NDManager manager = base.newSubManager()) {
          Map<String, NDArray> inputs = arrays.apply(manager);
          if (rep == 0) {
            rssBefore = kib("VmRSS");
          }
          long start = System.nanoTime();
          long cpuStart = threads.getCurrentThreadCpuTime();
          if (backward) {
            inputs.values().forEach(array -> array.setRequiresGradient(true));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
              collector.backward(loss.apply(inputs));
            }
            inputs.get("x").getGradient().toFloatArray(); // wait for the result
          } else {
            loss.apply(inputs).toFloatArray();
          }
          millis[rep] = (System.nanoTime() - start) / 1e6;
          cpuMillis[rep] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
      }
    }
    double[] timed = Arrays.copyOfRange(millis, 1, millis.length);
    Arrays.sort(timed);
    double[] cpu = Arrays.copyOfRange(cpuMillis, 1, cpuMillis.length);
    Arrays.sort(cpu);
    System.out.printf(
        "%s B=%d D=%d L=%d N=%d %s: wall median %.1f ms, min %.1f ms; thread CPU min %.1f ms"
            + " (%d reps); peak RSS +%d MiB over inputs%n",
        name,
        dims[0],
        dims[1],
        dims[2],
        dims[3],
        args[5],
        timed[timed.length / 2],
        timed[0],
        cpu[0],
        reps,
        (kib("VmHWM") - rssBefore) / 1024);
  }

  private static NDArray sum(NDArray y) {
    return y.sum();
  }

  private static long kib(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException(field + " not in /proc/self/status");
  }
}
