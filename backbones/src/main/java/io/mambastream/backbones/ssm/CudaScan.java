package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import io.mambastream.backbones.cuda.CudaLibrary;

/**
 * The fused selective scan on CUDA: our own forward and backward kernels in {@code
 * libmambastream_cuda.so} ({@link CudaLibrary}), registered as one libtorch autograd node, so DJL's
 * {@code GradientCollector} differentiates straight through it.
 *
 * <p>One kernel launch runs the whole forward pass; the backward pass recomputes states from the
 * states saved every few tokens instead of storing all B·D·L·N of them, so memory stays O(B·D·L).
 * Inputs in float32, bfloat16 or float64 (state and sums in float32, or float64 for float64);
 * gradients for x, Δ (through the bias and softplus), A, B, C, D and z; the kept-mask in both
 * {@link MaskMode}s. The last state is returned without a gradient.
 *
 * <p>All arrays must be PyTorch arrays on one CUDA device; the outputs belong to x's manager.
 */
public final class CudaScan implements SelectiveScan {

  /** Creates the scan; throws if the native library is not available. */
  public CudaScan() {
    CudaLibrary.require();
  }

  @Override
  public String id() {
    return "cuda";
  }

  @Override
  public ScanResult apply(ScanInputs inputs) {
    NDArray x = inputs.x();
    if (!x.getDevice().isGpu()) {
      throw new IllegalArgumentException(
          "the cuda scan needs arrays on a GPU, x is on " + x.getDevice());
    }
    long[] handles =
        CudaLibrary.selectiveScan(
            handle(x),
            handle(inputs.delta()),
            handle(inputs.a()),
            handle(inputs.b()),
            handle(inputs.c()),
            inputs.d().map(CudaScan::handle).orElse(0L),
            inputs.z().map(CudaScan::handle).orElse(0L),
            inputs.deltaBias().map(CudaScan::handle).orElse(0L),
            inputs.deltaSoftplus(),
            inputs.keptMask().map(CudaScan::handle).orElse(0L),
            inputs.maskMode() == MaskMode.DECAY_ONLY);
    PtNDManager manager = (PtNDManager) x.getManager();
    return new ScanResult(new PtNDArray(manager, handles[0]), new PtNDArray(manager, handles[1]));
  }

  private static long handle(NDArray array) {
    if (!(array instanceof PtNDArray pytorch)) {
      throw new IllegalArgumentException(
          "the cuda scan takes PyTorch arrays, got " + array.getClass().getName());
    }
    return pytorch.getHandle();
  }
}
