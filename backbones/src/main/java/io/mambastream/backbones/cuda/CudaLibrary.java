package io.mambastream.backbones.cuda;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The native library {@code libmambastream_cuda.so}: a fused selective-scan autograd operator and
 * CUDA memory statistics, linked against the same libtorch as DJL's PyTorch engine.
 *
 * <p>It is built on a CUDA machine by {@code gpu/build-native.sh} and found at the system property
 * {@value #PATH_PROPERTY} or else the environment variable {@value #PATH_ENV}. It is loaded once,
 * after the PyTorch engine (whose libtorch it shares); keep it out of {@code PYTORCH_LIBRARY_PATH},
 * where DJL loads every library it finds. Without it, {@link #isAvailable()} is false and {@link
 * #unavailableReason()} says why.
 *
 * <p>Arrays cross the boundary as DJL PyTorch handles: a handle is the address of a heap {@code
 * torch::Tensor}; the library borrows the inputs and returns new heap tensors that Java adopts with
 * {@code new PtNDArray(manager, handle)}, so their lifetime is the Java array's.
 */
public final class CudaLibrary {

  /** The system property naming the library file. */
  public static final String PATH_PROPERTY = "mambastream.cuda.library";

  /** The environment variable naming the library file. */
  public static final String PATH_ENV = "MAMBASTREAM_CUDA_LIBRARY";

  private static final String FILE_NAME = "libmambastream_cuda.so";

  private static final class Holder {
    static final String FAILURE = load();
  }

  private CudaLibrary() {}

  /** Returns whether the library is loaded and usable. */
  public static boolean isAvailable() {
    return Holder.FAILURE == null;
  }

  /** Returns why the library is not available, or empty when it is. */
  public static Optional<String> unavailableReason() {
    return Optional.ofNullable(Holder.FAILURE);
  }

  /** Throws with the reason when the library is not available. */
  public static void require() {
    if (!isAvailable()) {
      throw new IllegalStateException(
          "the native CUDA library is not available: " + Holder.FAILURE);
    }
  }

  /** Returns the file the library is loaded from (or would be). */
  public static Optional<Path> location() {
    String configured = System.getProperty(PATH_PROPERTY, System.getenv(PATH_ENV));
    return configured == null || configured.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(configured));
  }

  private static String load() {
    Optional<Path> file = location();
    if (file.isEmpty()) {
      return "no library configured (set -D"
          + PATH_PROPERTY
          + " or "
          + PATH_ENV
          + "; gpu/build-native.sh builds "
          + FILE_NAME
          + " on a CUDA machine)";
    }
    if (!Files.isRegularFile(file.get())) {
      return file.get() + " does not exist (gpu/build-native.sh builds it on a CUDA machine)";
    }
    try {
      Engine.getEngine("PyTorch"); // libtorch first: the library resolves its symbols there
      System.load(file.get().toAbsolutePath().toString());
      return null;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return "loading " + file.get() + " failed: " + e.getMessage();
    }
  }

  /** Returns a line naming the library build: version, CUDA architectures and libtorch version. */
  public static String describe() {
    require();
    return describeNative();
  }

  /** Resets the peak-memory statistics of CUDA device {@code deviceId}. */
  public static void resetPeakMemory(int deviceId) {
    require();
    resetPeakMemoryNative(deviceId);
  }

  /**
   * Returns the most memory libtorch's caching allocator held in tensors on CUDA device {@code
   * deviceId} since the last reset, in bytes.
   */
  public static long peakAllocatedBytes(int deviceId) {
    require();
    return peakAllocatedBytesNative(deviceId);
  }

  /**
   * Returns {@code array} cast to float32, bfloat16 or float64, differentiably (the cast is an
   * autograd op). DJL 0.36's own {@code toType} knows no bfloat16; this is how Java code feeds the
   * scan operator bfloat16 inputs and reads its bfloat16 outputs back as float32. The result
   * belongs to the array's manager.
   */
  public static NDArray cast(NDArray array, DataType type) {
    require();
    int code =
        switch (type) {
          case FLOAT32 -> 0;
          case BFLOAT16 -> 1;
          case FLOAT64 -> 2;
          default ->
              throw new IllegalArgumentException(
                  "cast: only float32, bfloat16 and float64, not " + type);
        };
    if (!(array instanceof PtNDArray pytorch)) {
      throw new IllegalArgumentException(
          "cast: not a PyTorch array: " + array.getClass().getName());
    }
    return new PtNDArray((PtNDManager) array.getManager(), castNative(pytorch.getHandle(), code));
  }

  private static native long castNative(long handle, int type);

  private static native String describeNative();

  private static native void resetPeakMemoryNative(int deviceId);

  private static native long peakAllocatedBytesNative(int deviceId);

  /**
   * Runs the fused selective-scan operator on DJL PyTorch handles (the raw entry point under {@code
   * io.mambastream.backbones.ssm.CudaScan}); absent optional arrays are 0. Returns new handles of y
   * (B, D, L, x's dtype, differentiable) and the last state (B, D, N, float32, no gradient), which
   * the caller must adopt.
   */
  public static long[] selectiveScan(
      long x,
      long delta,
      long a,
      long b,
      long c,
      long d,
      long z,
      long deltaBias,
      boolean deltaSoftplus,
      long keptMask,
      boolean decayOnly) {
    require();
    return selectiveScanNative(
        x, delta, a, b, c, d, z, deltaBias, deltaSoftplus, keptMask, decayOnly);
  }

  private static native long[] selectiveScanNative(
      long x,
      long delta,
      long a,
      long b,
      long c,
      long d,
      long z,
      long deltaBias,
      boolean deltaSoftplus,
      long keptMask,
      boolean decayOnly);
}
