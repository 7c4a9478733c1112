package io.mambastream.backbones.ssm;

import ai.djl.Device;
import io.mambastream.backbones.cuda.CudaLibrary;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the selective-scan implementation for a device and says which one runs: on a GPU the fused
 * {@link CudaScan} when our native library is loaded, else the {@link ChunkedScan}; on the CPU the
 * {@link ChunkedScan} for training and the {@link FusedScan} for inference.
 */
public final class ScanChoice {

  private static final Logger LOG = LoggerFactory.getLogger(ScanChoice.class);
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private ScanChoice() {}

  /** Returns the scan for training (differentiable) on {@code device}. */
  public static SelectiveScan forTraining(Device device) {
    return log("training", device, device.isGpu() ? onGpu() : new ChunkedScan());
  }

  /** Returns the fastest scan for inference on {@code device}. */
  public static SelectiveScan forInference(Device device) {
    return log("inference", device, device.isGpu() ? onGpu() : FusedScan.builder().build());
  }

  /** Returns the scan with id {@code id} ("auto" picks as {@link #forInference}). */
  public static SelectiveScan byId(String id, Device device) {
    return switch (id) {
      case "auto" -> forInference(device);
      case "cuda" -> new CudaScan();
      case "chunked" -> new ChunkedScan();
      case "sequential" -> new SequentialScan();
      case "fused" -> FusedScan.builder().build();
      default ->
          throw new IllegalArgumentException(
              "unknown scan '" + id + "' (auto, cuda, chunked, sequential, fused)");
    };
  }

  private static SelectiveScan onGpu() {
    return CudaLibrary.isAvailable() ? new CudaScan() : new ChunkedScan();
  }

  private static SelectiveScan log(String use, Device device, SelectiveScan scan) {
    if (!ANNOUNCED.add(use + " " + device + " " + scan.id())) {
      return scan; // said once per use, device and choice
    }
    if (scan instanceof CudaScan) {
      LOG.info("selective scan for {} on {}: cuda ({})", use, device, CudaLibrary.describe());
    } else if (device.isGpu()) {
      LOG.info(
          "selective scan for {} on {}: {} (the fused CUDA scan is off: {})",
          use,
          device,
          scan.id(),
          CudaLibrary.unavailableReason().orElse("?"));
    } else {
      LOG.info("selective scan for {} on {}: {}", use, device, scan.id());
    }
    return scan;
  }
}
