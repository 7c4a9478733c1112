package io.mambastream.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a benchmark ran.
 *
 * @param cpu the CPU model (from /proc/cpuinfo), or the OS architecture
 * @param cores processors available to the JVM
 * @param jvm JVM name and version
 * @param os operating system name and version
 * @param djlEngine the default DJL engine and its version
 * @param djlDevice the DJL engine's default device
 * @param device the device the benchmark's rows ran on ("cpu()", "gpu(0)")
 * @param gpu the GPU the rows ran on (name, memory, driver, from {@link GpuName}), or null when
 *     they ran on the CPU
 * @param loadAverage the system load average over the last minute when the benchmark started (other
 *     processes share these cores when it exceeds 0), or -1 where unknown
 */
public record MachineInfo(
    String cpu,
    int cores,
    String jvm,
    String os,
    @JsonProperty("djl_engine") String djlEngine,
    @JsonProperty("djl_device") String djlDevice,
    String device,
    @JsonInclude(JsonInclude.Include.NON_NULL) String gpu,
    @JsonProperty("load_average") double loadAverage) {

  /** Describes this machine for rows run on the CPU; starts the default DJL engine. */
  public static MachineInfo detect() {
    return detect(Device.cpu());
  }

  /** Describes this machine for rows run on {@code device}; starts the default DJL engine. */
  public static MachineInfo detect(Device device) {
    Engine engine = Engine.getInstance();
    return new MachineInfo(
        cpuModel().orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        engine.getEngineName() + " " + engine.getVersion(),
        engine.defaultDevice().toString(),
        device.toString(),
        device.isGpu() ? GpuName.of(device) : null,
        currentLoadAverage());
  }

  /** Returns the system load average over the last minute, or -1 where unknown. */
  public static double currentLoadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static Optional<String> cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
