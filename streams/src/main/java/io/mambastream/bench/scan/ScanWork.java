package io.mambastream.bench.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mambastream.bench.CpuPeaks;
import java.util.Map;

/**
 * The work of one fused selective scan and how close a measured time is to this CPU's floor.
 *
 * <p>Counts per state update (b, d, t, n): Δ·A (1 mul), exp, h = decay·h + (Δ·x)·B (1 mul + 1 FMA)
 * and the readout C·h summed (1 mul + 1 add): 6 flops and 1 exp. Per output (b, d, t): bias and
 * softplus, Δ·x, D·x, silu(z) and the gate, about 10 flops and 3 transcendentals (two exp, one
 * log). Bytes are the compulsory traffic: x, Δ, z read and y written (4 × B·D·L floats), B and C
 * read once (2 × B·N·L), A (D·N), D and bias (2·D), the last state written (B·D·N).
 *
 * <p>The floor adds the time of the flops at the FMA peak and of the exps at the exp peak (both use
 * the same vector units) and takes the larger of that and the bytes at the read bandwidth.
 *
 * @param name the row this compares (e.g. "fused")
 * @param params the row's parameters
 * @param flops floating-point operations, exps excluded
 * @param exps exponentials and logarithms
 * @param bytes compulsory memory traffic
 * @param floorMs the floor time on the measured peaks, ms
 * @param measuredMs the measured median, ms
 * @param flopsPercentOfPeak achieved flop rate over the FMA peak, %
 * @param expPercentOfPeak achieved exp rate over the exp peak, %
 * @param bandwidthPercentOfPeak achieved byte rate over the read bandwidth, %
 * @param percentOfFloor floor time over measured time, % (100 = at the floor)
 */
public record ScanWork(
    String name,
    Map<String, Object> params,
    double flops,
    double exps,
    double bytes,
    @JsonProperty("floor_ms") double floorMs,
    @JsonProperty("measured_ms") double measuredMs,
    @JsonProperty("flops_percent_of_peak") double flopsPercentOfPeak,
    @JsonProperty("exp_percent_of_peak") double expPercentOfPeak,
    @JsonProperty("bandwidth_percent_of_peak") double bandwidthPercentOfPeak,
    @JsonProperty("percent_of_floor") double percentOfFloor) {

  /** Counts the work of {@code shape} and compares {@code measuredMs} with the floor of peaks. */
  public static ScanWork of(String name, ScanShape shape, double measuredMs, CpuPeaks peaks) {
    double updates = shape.updates();
    double outputs = shape.outputs();
    double flops = 6 * updates + 10 * outputs;
    double exps = updates + 3 * outputs;
    double bytes =
        4.0
            * (4 * outputs
                + 2.0 * shape.batch() * shape.state() * shape.length()
                + (double) shape.channels() * shape.state()
                + 2.0 * shape.channels()
                + (double) shape.batch() * shape.channels() * shape.state());
    double computeS = flops / peaks.flopsPerS() + exps / peaks.expPerS();
    double memoryS = bytes / peaks.bytesPerS();
    double floorMs = Math.max(computeS, memoryS) * 1e3;
    double seconds = measuredMs / 1e3;
    return new ScanWork(
        name,
        shape.params(),
        flops,
        exps,
        bytes,
        floorMs,
        measuredMs,
        100 * flops / seconds / peaks.flopsPerS(),
        100 * exps / seconds / peaks.expPerS(),
        100 * bytes / seconds / peaks.bytesPerS(),
        100 * floorMs / measuredMs);
  }
}
