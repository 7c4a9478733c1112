package io.mambastream.backbones.ssm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A manual timing harness (not a test): times one scan implementation, forward or forward plus
 * backward, and reports the peak resident memory of the process. Run one configuration per JVM so
 * that the memory peak belongs to it:
 *
 * <pre>
 * java -cp CLASSPATH io.mambastream.backbones.ssm.ScanBenchmark IMPL B D L N MODE REPS
 *   IMPL: sequential | matrix:T | recurrence:T     MODE: forward | backward
 * </pre>
 */
final class ScanBenchmark {

  private ScanBenchmark() {}

  /** Runs one configuration and prints one line of results. */
  public static void main(String[] args) throws IOException {
    SelectiveScan scan =
        args[0].equals("sequential")
            ? new SequentialScan()
            : new ChunkedScan(
                Integer.parseInt(args[0].split(":")[1]),
                args[0].startsWith("matrix")
                    ? ChunkedScan.IntraChunk.DECAY_MATRIX
                    : ChunkedScan.IntraChunk.RECURRENCE);
    int[] dims = Arrays.stream(args, 1, 5).mapToInt(Integer::parseInt).toArray();
    boolean backward = args[5].equals("backward");
    int reps = Integer.parseInt(args[6]);
    ScanCase scanCase = new ScanCase(dims[0], dims[1], dims[2], dims[3], true, null, 1);
    double[] millis = new double[reps + 1];
    long rssBefore = 0;
    try (NDManager base = NDManager.newBaseManager()) {
      for (int rep = 0; rep <= reps; rep++) { // rep 0 warms up
        try (NDManager manager = base.newSubManager()) {
          Map<String, NDArray> arrays = scanCase.arrays(manager);
          if (rep == 0) {
            rssBefore = kib("VmRSS");
          }
          long start = System.nanoTime();
          if (backward) {
            arrays.values().forEach(array -> array.setRequiresGradient(true));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
              ScanResult result = scan.apply(scanCase.inputs(arrays));
              collector.backward(result.y().sum().add(result.lastState().sum()));
            }
            arrays.get("x").getGradient().toFloatArray(); // wait for the result
          } else {
            scan.apply(scanCase.inputs(arrays)).y().toFloatArray();
          }
          millis[rep] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    double[] timed = Arrays.copyOfRange(millis, 1, millis.length);
    Arrays.sort(timed);
    System.out.printf(
        "%s B=%d D=%d L=%d N=%d %s: median %.1f ms, min %.1f ms (%d reps), "
            + "peak RSS +%d MiB over inputs%n",
        scan,
        dims[0],
        dims[1],
        dims[2],
        dims[3],
        args[5],
        timed[timed.length / 2],
        timed[0],
        reps,
        (kib("VmHWM") - rssBefore) / 1024);
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
