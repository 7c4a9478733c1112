package io.mambastream.bench;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import io.mambastream.backbones.cuda.CudaLibrary;
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
 *       reports it ({@link CudaUtils#getGpuMemory}), sampled by a background thread every {@value
 *       #SAMPLE_MILLIS} ms; it counts what the caching allocator keeps from earlier cases and other
 *       processes, and can miss short peaks;
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
  private final String problem;
  private final Device device;

  private PeakMemory(String method, String problem, Device device) {
    this.method = method;
    this.problem = problem;
    this.device = device;
  }

  /** Picks the best method for {@code device}. */
  public static PeakMemory of(Device device) {
    if (!device.isGpu()) {
      return new PeakMemory(PROCESS_RSS, null, device);
    }
    if (CudaLibrary.isAvailable()) {
      return new PeakMemory(ALLOCATOR_PEAK, null, device);
    }
    try {
      CudaUtils.getGpuMemory(device);
      return new PeakMemory(DEVICE_USED_SAMPLED, null, device);
    } catch (RuntimeException | LinkageError e) {
      return new PeakMemory(
          NONE,
          "no GPU memory measure: "
              + CudaLibrary.unavailableReason().orElse("")
              + "; DJL's CudaUtils.getGpuMemory failed: "
              + e,
          device);
    }
  }

  /** Returns the method id, written as {@code "mem"} in the rows' params. */
  public String method() {
    return method;
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
      case DEVICE_USED_SAMPLED -> new Sampler(device);
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

  /** Samples the device's used memory on a daemon thread until closed. */
  private static final class Sampler implements Window {
    private final Device device;
    private final double start;
    private final Thread thread;
    private volatile double peak;
    private volatile boolean running = true;

    Sampler(Device device) {
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
}
