package io.mambastream.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One measured case of {@code bench backbone}, in the {@code bench --json} row schema.
 *
 * @param name the stable row id: {@code vim-tiny}, {@code deit-tiny} or {@code torch-deit-tiny}
 * @param params {@code px} (square image size) and {@code batch}
 * @param medianMs median wall time of one forward pass of the whole batch
 * @param minMs fastest pass
 * @param maxMs slowest pass
 * @param runs timed passes (after the warm-up)
 * @param perS images per second at the median, batch · 1000 / medianMs
 * @param cpuMs median CPU time of the measuring thread per pass: the work done, independent of
 *     other load on the machine when the engine runs on that one thread ({@code --threads 1})
 * @param peakMb the process's resident-set high-water mark during the row, MiB
 * @param startMb the process's resident set when the row started (model built, before the first
 *     pass), MiB; peakMb − startMb is what the passes added
 */
public record BackboneRow(
    String name,
    Map<String, Integer> params,
    @JsonProperty("median_ms") double medianMs,
    @JsonProperty("min_ms") double minMs,
    @JsonProperty("max_ms") double maxMs,
    int runs,
    @JsonProperty("per_s") double perS,
    @JsonProperty("cpu_ms") double cpuMs,
    @JsonProperty("peak_mb") double peakMb,
    @JsonProperty("start_mb") double startMb) {

  /** Summarises timed passes of a batch: wall and CPU milliseconds, one entry per pass. */
  public static BackboneRow of(
      String name,
      int px,
      int batch,
      List<Double> wallMs,
      List<Double> cpuMs,
      double peakMb,
      double startMb) {
    if (wallMs.isEmpty() || wallMs.size() != cpuMs.size()) {
      throw new IllegalArgumentException("need the same positive number of wall and CPU times");
    }
    double[] sorted = wallMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = median(sorted);
    return new BackboneRow(
        name,
        Map.of("px", px, "batch", batch),
        median,
        sorted[0],
        sorted[sorted.length - 1],
        sorted.length,
        batch * 1000.0 / median,
        median(cpuMs.stream().mapToDouble(Double::doubleValue).sorted().toArray()),
        peakMb,
        startMb);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Returns the image size. */
  public int px() {
    return params.get("px");
  }

  /** Returns the batch size. */
  public int batch() {
    return params.get("batch");
  }
}
