package io.mambastream.bench;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured case of a benchmark, as written in the {@code rows} of its JSON report.
 *
 * @param name the stable id of what was measured (e.g. "fused", "torch-loop")
 * @param params the case's parameters (e.g. B, D, L, N), in a stable order
 * @param medianMs median wall time of one run, milliseconds
 * @param minMs fastest run, milliseconds
 * @param maxMs slowest run, milliseconds
 * @param runs number of timed runs
 * @param perS runs per second at the median (1000 / median)
 * @param note why this row differs from the others (fewer runs, a different setting), or null
 * @param error why the case could not be measured (out of memory, time budget spent), or null; such
 *     a row has no times ({@code runs} 0, times NaN, written as null)
 * @param measures further measures written as keys of the row (e.g. {@code peak_mb}, {@code
 *     cpu_ms}), in insertion order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchRow(
    String name,
    Map<String, Object> params,
    @JsonProperty("median_ms") double medianMs,
    @JsonProperty("min_ms") double minMs,
    @JsonProperty("max_ms") double maxMs,
    int runs,
    @JsonProperty("per_s") double perS,
    String note,
    String error,
    @JsonIgnore Map<String, Double> measures) {

  /** Copies the measures (none when null). */
  public BenchRow {
    measures = measures == null ? new LinkedHashMap<>() : new LinkedHashMap<>(measures);
  }

  /** Returns a row from wall times in milliseconds. */
  public static BenchRow of(
      String name, Map<String, Object> params, double[] timesMs, String note) {
    if (timesMs.length == 0) {
      throw new IllegalArgumentException("a row needs at least one timed run");
    }
    double[] sorted = timesMs.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new BenchRow(
        name, params, median, sorted[0], sorted[n - 1], n, 1000 / median, note, null, Map.of());
  }

  /** Returns a row for a case that could not be measured, saying why. */
  public static BenchRow failed(String name, Map<String, Object> params, String error) {
    double nan = Double.NaN;
    return new BenchRow(name, params, nan, nan, nan, 0, nan, null, error, Map.of());
  }

  /** Returns whether this row holds times (false for a {@link #failed} case). */
  @JsonIgnore
  public boolean isMeasured() {
    return error == null;
  }

  /** Returns the same row with {@code note} appended to its note. */
  public BenchRow withNote(String more) {
    String joined = note == null ? more : note + "; " + more;
    return new BenchRow(name, params, medianMs, minMs, maxMs, runs, perS, joined, error, measures);
  }

  /** Returns the same row with {@code perS} items per second, for runs of several items each. */
  public BenchRow withItemsPerRun(int items) {
    return new BenchRow(
        name, params, medianMs, minMs, maxMs, runs, items * 1000 / medianMs, note, error, measures);
  }

  /** Returns the same row with one more measure ({@code key} as written in the JSON row). */
  public BenchRow withMeasure(String key, double value) {
    Map<String, Double> more = new LinkedHashMap<>(measures);
    more.put(key, value);
    return new BenchRow(name, params, medianMs, minMs, maxMs, runs, perS, note, error, more);
  }

  /** The further measures, written beside the standard keys. */
  @JsonAnyGetter
  public Map<String, Double> measuresForJson() {
    return measures;
  }
}
