package io.mambastream.backbones.vim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.cuda.CudaLibrary;
import io.mambastream.backbones.cuda.RequiresGpu;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.ssm.CudaScan;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.SelectiveScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vim-Ti on a CUDA device (the chunked scan, and our CUDA scan where it is built) against the same
 * model on the CPU (the fused kernel): same weights, same images, same logits.
 */
@RequiresGpu
class VisionMambaGpuTest {

  /**
   * The bound for the whole 24-layer network. libtorch lets cuDNN use TF32 (10-bit mantissa) for
   * float32 convolutions on Ampere and newer GPUs by default, and Vim has a patch-embedding and 48
   * depthwise convolutions, so the GPU differs from the CPU by more than a single float32 kernel
   * does (1e-4); a wrong scan, layout or weight copy gives errors of order 1.
   */
  private static final double NETWORK_BOUND = 2e-3;

  @Test
  void vimTinyOnTheGpuMatchesTheCpu() {
    Shape images = new Shape(2, 3, 224, 224);
    try (NDManager cpu = NDManager.newBaseManager(Device.cpu());
        NDManager gpu = NDManager.newBaseManager(Device.gpu())) {
      Engine.getInstance().setRandomSeed(5);
      VisionMamba model = VisionMamba.builder().tiny().build();
      model.initialize(cpu, DataType.FLOAT32, images); // weights on the CPU
      float[] pixels = gaussian(new Random(6), Math.toIntExact(images.size()));

      model.setScan(FusedScan.builder().build());
      ParameterStore cpuStore = new ParameterStore(cpu, false);
      NDArray expected =
          model.forward(cpuStore, new NDList(cpu.create(pixels, images)), false).head();

      List<SelectiveScan> scans = new ArrayList<>(List.of(new ChunkedScan()));
      if (CudaLibrary.isAvailable()) {
        scans.add(new CudaScan());
      }
      for (SelectiveScan scan : scans) {
        model.setScan(scan);
        ParameterStore gpuStore = new ParameterStore(gpu, false); // copies the weights to the GPU
        NDArray logits =
            model.forward(gpuStore, new NDList(gpu.create(pixels, images)), false).head();
        assertThat(logits.getDevice()).isEqualTo(Device.gpu());
        assertThat(logits.getShape()).isEqualTo(new Shape(2, 1000));
        assertThat(relativeError(logits, expected)).as(scan.id()).isLessThan(NETWORK_BOUND);
      }
    }
  }

  /** max|actual − expected| / max|expected| in double precision, read back to the host. */
  private static double relativeError(NDArray actual, NDArray expected) {
    assertThat(actual.getShape()).isEqualTo(expected.getShape());
    float[] a = actual.toFloatArray();
    float[] e = expected.toFloatArray();
    double maxDiff = 0;
    double maxExpected = 0;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) a[i] - e[i]));
      maxExpected = Math.max(maxExpected, Math.abs((double) e[i]));
    }
    return maxDiff / maxExpected;
  }

  private static float[] gaussian(Random random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
