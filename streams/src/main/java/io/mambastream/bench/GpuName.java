package io.mambastream.bench;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Names the GPU a benchmark ran on: {@code nvidia-smi}'s name, memory and driver ("NVIDIA H100 80GB
 * HBM3, 81559 MiB, driver 580.65"), else DJL's compute capability, else why neither answered.
 */
public final class GpuName {
  private static final long TIMEOUT_SECONDS = 10;

  private GpuName() {}

  /** Returns a one-line description of CUDA device {@code device}. */
  public static String of(Device device) {
    int id = device.getDeviceId();
    List<String> command =
        List.of(
            "nvidia-smi",
            "--query-gpu=name,memory.total,driver_version",
            "--format=csv,noheader",
            "-i",
            Integer.toString(id));
    String smiProblem;
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return fromNvidiaSmi(out);
      }
      smiProblem = "nvidia-smi failed: " + out.strip();
    } catch (IOException e) {
      smiProblem = "no nvidia-smi: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      smiProblem = "interrupted";
    }
    try {
      return "CUDA device " + id + ", compute capability " + CudaUtils.getComputeCapability(id);
    } catch (RuntimeException | LinkageError e) {
      return "CUDA device " + id + " (" + smiProblem + "; DJL's CUDA query failed: " + e + ")";
    }
  }

  /** Turns nvidia-smi's "NAME, MEMORY, DRIVER" CSV line into "NAME, MEMORY, driver DRIVER". */
  static String fromNvidiaSmi(String csv) {
    String line = csv.strip().lines().findFirst().orElse("").strip();
    String[] fields = line.split(",\\s*");
    if (fields.length != 3) {
      return line;
    }
    return fields[0] + ", " + fields[1] + ", driver " + fields[2];
  }
}
