package io.mambastream.bench;

import ai.djl.Device;
import io.mambastream.backbones.cuda.CudaLibrary;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.ssm.SequentialScan;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which selective scan a benchmark runs the Mamba layers with, chosen by one option ({@code --scan
 * auto|fused|chunked|cuda|sequential}).
 *
 * <p>{@link #AUTO} picks the fastest scan that exists for the device: the fused float[] kernel on
 * the CPU; on a GPU the fused CUDA operator when it is available ({@link #cudaScan}), else the
 * chunked NDArray scan. {@link #FUSED} is a CPU kernel (its arrays are copied to the host), so it
 * is refused on a GPU.
 */
public enum ScanChoice {
  /** The fastest scan available on the device. */
  AUTO,
  /** {@link FusedScan}: the float[] CPU kernel. */
  FUSED,
  /** {@link ChunkedScan}: the chunked NDArray scan, on any device. */
  CHUNKED,
  /** The fused CUDA scan operator of {@code io.mambastream.backbones.cuda}. */
  CUDA,
  /** {@link SequentialScan}: the per-token NDArray reference (slow). */
  SEQUENTIAL;

  /** Returns the option value ("auto", "chunked", ...), also the scan ids of the resolved scans. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an option value (any case). */
  public static ScanChoice parse(String value) {
    return Arrays.stream(values())
        .filter(choice -> choice.id().equalsIgnoreCase(value.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--scan must be one of auto, fused, chunked, cuda, sequential; got '"
                        + value
                        + "'"));
  }

  /**
   * Returns the scan for {@code device} with {@code threads} CPU threads for the fused kernel.
   *
   * @throws IllegalArgumentException for {@link #FUSED} on a GPU, or {@link #CUDA} where the CUDA
   *     operator is not available (with the reason)
   */
  public SelectiveScan resolve(Device device, int threads) {
    return switch (this) {
      case AUTO ->
          device.isGpu()
              ? cudaScan(device).orElseGet(ChunkedScan::new)
              : FusedScan.builder().optThreads(threads).build();
      case FUSED -> {
        if (device.isGpu()) {
          throw new IllegalArgumentException(
              "--scan fused is the CPU float[] kernel; on a GPU use chunked, cuda or auto");
        }
        yield FusedScan.builder().optThreads(threads).build();
      }
      case CHUNKED -> new ChunkedScan();
      case SEQUENTIAL -> new SequentialScan();
      case CUDA -> {
        if (!device.isGpu()) {
          throw new IllegalArgumentException("--scan cuda needs --device gpu");
        }
        yield cudaScan(device)
            .orElseThrow(
                () -> new IllegalArgumentException("--scan cuda: " + cudaUnavailableReason()));
      }
    };
  }

  /**
   * The fused CUDA scan for {@code device} when our native library is loaded and the operator is
   * wired in here; empty otherwise. The operator ({@code io.mambastream.backbones.ssm.CudaScan},
   * being written) is created here once it exists, and every benchmark picks it up.
   */
  static Optional<SelectiveScan> cudaScan(Device device) {
    if (!device.isGpu() || !CudaLibrary.isAvailable()) {
      return Optional.empty();
    }
    return Optional.empty(); // CudaScan is not wired in yet: see cudaUnavailableReason()
  }

  /** Returns why {@link #cudaScan} is empty. */
  static String cudaUnavailableReason() {
    return CudaLibrary.unavailableReason()
        .map(reason -> "the native CUDA library is not available: " + reason)
        .orElse("the CUDA scan operator is not wired into the benchmarks yet (ScanChoice)");
  }
}
