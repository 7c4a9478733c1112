package io.mambastream.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --device cpu|gpu} option, one mixin for every command that runs models.
 *
 * <p>A value other than cpu or gpu is a usage error (picocli prints it with the usage, exit 2);
 * {@code gpu} on an engine without a CUDA device fails with a message saying so (exit 2).
 */
public final class DeviceOption {

  @Option(
      names = "--device",
      defaultValue = "cpu",
      paramLabel = "cpu|gpu",
      converter = Converter.class,
      description =
          "Where models and inputs live: cpu, or gpu (CUDA device 0 of DJL's PyTorch engine; see"
              + " docs/GPU.md) (default: ${DEFAULT-VALUE}).")
  Device device = Device.cpu();

  /** Returns the chosen device; checks that the engine sees a GPU when gpu was asked for. */
  public Device device() {
    if (device.isGpu()) {
      Engine engine = Engine.getInstance();
      if (engine.getGpuCount() == 0) {
        throw new IllegalArgumentException(
            "--device gpu, but DJL's "
                + engine.getEngineName()
                + " "
                + engine.getVersion()
                + " engine sees no CUDA device (this libtorch is a CPU build or no GPU is"
                + " visible; docs/GPU.md shows how to run on a GPU)");
      }
    }
    return device;
  }

  /** Returns whether gpu was asked for (without checking the engine). */
  public boolean isGpu() {
    return device.isGpu();
  }

  /** Parses {@code cpu} and {@code gpu} (any case). */
  static final class Converter implements CommandLine.ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "cpu" -> Device.cpu();
        case "gpu" -> Device.gpu();
        default ->
            throw new CommandLine.TypeConversionException(
                "expected cpu or gpu, got '" + value + "'");
      };
    }
  }
}
