package io.mambastream.bench;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import io.mambastream.backbones.cuda.CudaLibrary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Peak memory of one measured case on its device, by the best method available there:
 *
 * <ul>
 *   <li>{@value #PROCESS_RSS} (CPU): the process's resident-set high-water mark ({@link PeakRss}),
 *       JVM and libtorch included;
 *   <li>{@value #ALLOCATOR_PEAK} (GPU, with our native library): the most memory libtorch's CUDA
 *       caching allocator held in tensors since the case's start ({@link CudaLibrary});
 *   <li>{@value #DEVICE_USED_SAMPLED} (GPU, without it): the device's used memory as the driver
 *       reports it, sampled in the background: every {@value #SAMPLE_MILLIS} ms through DJL's
 *       {@link CudaUtils#getGpuMemory} (cudaMemGetInfo), or where DJL finds no CUDA runtime, every
 *       {@value #SMI_MILLIS} ms from a running {@code nvidia-smi -lms}; it counts what the caching
 *       allocator keeps from earlier cases and other processes, and can miss short peaks;
 *   <li>{@value #NONE}: neither works; the values are NaN and {@link #problem()} says why.
 * </ul>
 *
 * <p>Values are MiB. A {@link Window} is opened before the case and read after it.
 */
public final class PeakMemory {
  /** Method id: the process's resident-set high-water mark. */
  public static final String PROCESS_RSS = "process-rss-peak";

  /** Method id: libtorch's CUDA allocator peak, reset per case. */
  public static final String ALLOCATOR_PEAK = "allocator-peak";

  /** Method id: the device's used memory, sampled in the background. */
  public static final String DEVICE_USED_SAMPLED = "device-used-sampled";

  /** Method id: no method works here. */
  public static final String NONE = "none";

  static final long SAMPLE_MILLIS = 2;
  static final long SMI_MILLIS = 20;
  private static final double MIB = 1 << 20;

  /** One case's measurement: opened before the case, read after it, then closed. */
  public interface Window extends AutoCloseable {
    /** Returns the memory in use when the window opened, MiB (NaN where unknown). */
    double startMb();

    /** Returns the peak since the window opened, MiB (NaN where unknown). */
    double peakMb();

    @Override
    void close();
  }

  private final String method;
  private final String source;
  private final String problem;
  private final Device device;

  private PeakMemory(String method, String source, String problem, Device device) {
    this.method = method;
    this.source = source;
    this.problem = problem;
    this.device = device;
  }

  /** Picks the best method for {@code device}. */
  public static PeakMemory of(Device device) {
    if (!device.isGpu()) {
      return new PeakMemory(PROCESS_RSS, "/proc/self/status VmHWM", null, device);
    }
    if (CudaLibrary.isAvailable()) {
      return new PeakMemory(ALLOCATOR_PEAK, "libmambastream_cuda", null, device);
    }
    String djlProblem;
    try {
      CudaUtils.getGpuMemory(device);
      return new PeakMemory(DEVICE_USED_SAMPLED, CUDA_UTILS, null, device);
    } catch (RuntimeException | LinkageError e) {
      djlProblem = e.toString();
    }
    String smiProblem = NvidiaSmiSampler.problem(device.getDeviceId());
    if (smiProblem == null) {
      return new PeakMemory(DEVICE_USED_SAMPLED, NVIDIA_SMI, null, device);
    }
    return new PeakMemory(
        NONE,
        null,
        "no GPU memory measure: "
            + CudaLibrary.unavailableReason().orElse("")
            + "; DJL's CudaUtils.getGpuMemory failed: "
            + djlProblem
            + "; nvidia-smi: "
            + smiProblem,
        device);
  }

  private static final String CUDA_UTILS = "cudaMemGetInfo (DJL CudaUtils)";
  private static final String NVIDIA_SMI = "nvidia-smi -lms " + SMI_MILLIS;

  /** Returns the method id, written as {@code "mem"} in the rows' params. */
  public String method() {
    return method;
  }

  /** Returns what reads the values (e.g. "nvidia-smi -lms 20"), or null for {@link #NONE}. */
  public String source() {
    return source;
  }

  /** Returns why no method works ({@link #NONE}), or null. */
  public String problem() {
    return problem;
  }

  /** Opens a window: resets the peak (or starts the sampler) and records the starting value. */
  public Window open() {
    return switch (method) {
      case PROCESS_RSS -> {
        System.gc(); // what earlier cases left on the Java heap is not this case's
        PeakRss.reset();
        yield fixed(PeakRss.currentMb(), PeakRss::peakMb);
      }
      case ALLOCATOR_PEAK -> {
        int id = device.getDeviceId();
        CudaLibrary.resetPeakMemory(id);
        // Right after the reset the peak is what is allocated now.
        yield fixed(CudaLibrary.peakAllocatedBytes(id) / MIB, () -> peakAllocated(id));
      }
      case DEVICE_USED_SAMPLED ->
          NVIDIA_SMI.equals(source)
              ? new NvidiaSmiSampler(device.getDeviceId())
              : new CudaUtilsSampler(device);
      default -> fixed(Double.NaN, () -> Double.NaN);
    };
  }

  private static double peakAllocated(int id) {
    return CudaLibrary.peakAllocatedBytes(id) / MIB;
  }

  private static Window fixed(double start, DoubleSupplier peak) {
    return new Window() {
      @Override
      public double startMb() {
        return start;
      }

      @Override
      public double peakMb() {
        return peak.getAsDouble();
      }

      @Override
      public void close() {}
    };
  }

  /** Samples the device's used memory through DJL's CudaUtils on a daemon thread until closed. */
  private static final class CudaUtilsSampler implements Window {
    private final Device device;
    private final double start;
    private final Thread thread;
    private volatile double peak;
    private volatile boolean running = true;

    CudaUtilsSampler(Device device) {
      this.device = device;
      this.start = usedMb(device);
      this.peak = start;
      this.thread = new Thread(this::loop, "gpu-memory-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      while (running) {
        sample();
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private synchronized void sample() {
      peak = Math.max(peak, usedMb(device));
    }

    @Override
    public double startMb() {
      return start;
    }

    @Override
    public double peakMb() {
      sample();
      return peak;
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static double usedMb(Device device) {
      return CudaUtils.getGpuMemory(device).getUsed() / MIB;
    }
  }

  /** Reads the device's used memory from a running {@code nvidia-smi -lms} until closed. */
  static final class NvidiaSmiSampler implements Window {
    private final Process process;
    private final Thread reader;
    private final double start;
    private volatile double peak;

    NvidiaSmiSampler(int id) {
      try {
        process = new ProcessBuilder(query(id, "-lms", Long.toString(SMI_MILLIS))).start();
      } catch (IOException e) {
        throw new UncheckedIOException("nvidia-smi did not start", e);
      }
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
      start = next(lines);
      peak = start;
      reader =
          new Thread(
              () -> {
                for (double mb = next(lines); !Double.isNaN(mb); mb = next(lines)) {
                  peak = Math.max(peak, mb);
                }
              },
              "nvidia-smi-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** Returns null when {@code nvidia-smi} answers for device {@code id}, else why not. */
    static String problem(int id) {
      try {
        Process process = new ProcessBuilder(query(id)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
          return "failed: " + out.strip();
        }
        return parse(out) >= 0 ? null : "unexpected output: " + out.strip();
      } catch (IOException e) {
        return e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }

    private static List<String> query(int id, String... more) {
      List<String> command = new ArrayList<>();
      command.add("nvidia-smi");
      command.add("--query-gpu=memory.used");
      command.add("--format=csv,noheader,nounits");
      command.add("-i");
      command.add(Integer.toString(id));
      command.addAll(List.of(more));
      return command;
    }

    /** The next reading in MiB, or NaN at the end of the stream. */
    private static double next(BufferedReader lines) {
      try {
        String line = lines.readLine();
        return line == null ? Double.NaN : parse(line);
      } catch (IOException e) {
        return Double.NaN;
      }
    }

    /** Parses "1234" (MiB) from nvidia-smi's first line; -1 when it is not a number. */
    static double parse(String text) {
      String line = text.strip().lines().findFirst().orElse("").strip();
      try {
        return Double.parseDouble(line);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    @Override
    public double startMb() {
      return start;
    }

    @Override
    public double peakMb() {
      return peak;
    }

    @Override
    public void close() {
      process.destroy();
      try {
        reader.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
