package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.cuda.CudaLibrary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused CUDA scan against the sequential reference on the CPU: forward, last state and every
 * gradient, in float32, bfloat16 and (finite differences) float64. Runs where a CUDA device and
 * {@code libmambastream_cuda.so} are present (gpu/test-on-device.sh); skipped with the reason
 * elsewhere.
 */
class CudaScanTest {

  private static final Set<String> CONSTANTS = Set.of("keptMask");

  @BeforeEach
  void needsTheGpuAndTheLibrary() {
    assumeTrue(
        Engine.getEngine("PyTorch").getGpuCount() > 0,
        "no CUDA device visible to DJL's PyTorch engine (CI has none)");
    assumeTrue(
        CudaLibrary.isAvailable(),
        () ->
            "the native CUDA library is not loaded: " + CudaLibrary.unavailableReason().orElse(""));
  }

  static Stream<Arguments> float32Cases() {
    return Stream.of(
        Arguments.of(new ScanCase(2, 5, 1, 16, true, null, 31)), // L = 1
        Arguments.of(new ScanCase(2, 7, 37, 16, true, null, 32)), // odd L, several chunks
        Arguments.of(new ScanCase(3, 5, 37, 16, false, null, 33)), // no D, z, bias, softplus
        Arguments.of(new ScanCase(2, 19, 45, 5, true, null, 34)), // N not a power of two
        Arguments.of(new ScanCase(1, 3, 29, 40, true, null, 35)), // N > 32: two states a lane
        Arguments.of(new ScanCase(2, 20, 70, 16, true, MaskMode.CARRY_STATE, 36)),
        Arguments.of(new ScanCase(2, 20, 70, 16, true, MaskMode.DECAY_ONLY, 37)),
        Arguments.of(new ScanCase(1, 4, 2100, 8, true, MaskMode.CARRY_STATE, 38))); // L > 2048
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("float32Cases")
  void float32MatchesTheSequentialReference(ScanCase scanCase) {
    try (NDManager cpu = NDManager.newBaseManager(Device.cpu());
        NDManager gpu = NDManager.newBaseManager(Device.gpu())) {
      Map<String, NDArray> expected = run(scanCase, new SequentialScan(), scanCase.arrays(cpu));
      Map<String, NDArray> actual = onCpu(run(scanCase, new CudaScan(), scanCase.arrays(gpu)));
      assertThat(RelativeError.ofEach(actual, expected))
          .allSatisfy(
              (name, error) -> assertThat(error).as(name).isLessThan(RelativeError.FLOAT32_BOUND));
    }
  }

  @Test
  void bfloat16StaysWithinOnePercentOfTheFloat32Reference() {
    ScanCase scanCase = new ScanCase(2, 24, 200, 16, true, MaskMode.CARRY_STATE, 41);
    try (NDManager cpu = NDManager.newBaseManager(Device.cpu());
        NDManager gpu = NDManager.newBaseManager(Device.gpu())) {
      Map<String, NDArray> expected = run(scanCase, new SequentialScan(), scanCase.arrays(cpu));
      Map<String, NDArray> bf16 = new LinkedHashMap<>();
      scanCase
          .arrays(gpu)
          .forEach((name, array) -> bf16.put(name, CudaLibrary.cast(array, DataType.BFLOAT16)));
      Map<String, NDArray> float32 = new LinkedHashMap<>();
      run(scanCase, new CudaScan(), bf16) // y and gradients in bfloat16, which DJL cannot read
          .forEach((name, array) -> float32.put(name, CudaLibrary.cast(array, DataType.FLOAT32)));
      Map<String, NDArray> actual = onCpu(float32);
      Map<String, Double> errors = RelativeError.ofEach(actual, expected);
      assertThat(errors).allSatisfy((name, error) -> assertThat(error).as(name).isLessThan(1e-2));
      // and it really ran in bfloat16 (8 mantissa bits), not float32:
      assertThat(errors.get("y")).isGreaterThan(1e-5);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("float64Cases")
  void float64GradientsMatchFiniteDifferences(ScanCase scanCase) {
    try (NDManager gpu = NDManager.newBaseManager(Device.gpu())) {
      Map<String, NDArray> inputs = new LinkedHashMap<>();
      scanCase
          .arrays(gpu)
          .forEach((name, array) -> inputs.put(name, array.toType(DataType.FLOAT64, false)));
      // The loss Σ y ⊙ w with the weights Gradients.run draws from seed 7 (its only output is y).
      NDArray weights =
          RandomArrays.of(gpu, 7)
              .gaussian(1, scanCase.batch(), scanCase.channels(), scanCase.length())
              .toType(DataType.FLOAT64, false);
      Map<String, NDArray> analytic =
          Gradients.run(inputs, CONSTANTS, arrays -> Map.of("y", scan(scanCase, arrays)), 7);
      double step = 1e-6;
      for (Map.Entry<String, NDArray> input : inputs.entrySet()) {
        if (CONSTANTS.contains(input.getKey())) {
          continue;
        }
        double[] values = input.getValue().toDoubleArray();
        double[] numeric = new double[values.length];
        for (int i = 0; i < values.length; i++) {
          numeric[i] =
              (loss(scanCase, inputs, input.getKey(), values, i, step, weights, gpu)
                      - loss(scanCase, inputs, input.getKey(), values, i, -step, weights, gpu))
                  / (2 * step);
        }
        double[] exact = analytic.get("grad " + input.getKey()).toDoubleArray();
        assertThat(maxRelativeError(exact, numeric)).as(input.getKey()).isLessThan(1e-6);
      }
    }
  }

  static Stream<Arguments> float64Cases() {
    return Stream.of(
        Arguments.of(new ScanCase(1, 2, 6, 3, true, null, 51)),
        Arguments.of(new ScanCase(2, 3, 5, 2, true, MaskMode.DECAY_ONLY, 52)),
        Arguments.of(new ScanCase(1, 2, 7, 3, false, MaskMode.CARRY_STATE, 53)));
  }

  @Test
  void nativeChecksBecomeJavaExceptionsNamingTheArgument() {
    ScanCase scanCase = new ScanCase(1, 4, 9, 4, false, MaskMode.CARRY_STATE, 61);
    try (NDManager cpu = NDManager.newBaseManager(Device.cpu());
        NDManager gpu = NDManager.newBaseManager(Device.gpu())) {
      Map<String, NDArray> arrays = scanCase.arrays(gpu);
      arrays.put("keptMask", cpu.ones(new Shape(1, 9))); // the one array left on the CPU
      assertThatThrownBy(() -> new CudaScan().apply(scanCase.inputs(arrays)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("all arguments must be on cuda:0, one is on cpu");
    }
  }

  @Test
  void repeatedScopedCallsHoldNoMemory() {
    ScanCase scanCase = new ScanCase(4, 64, 197, 16, true, MaskMode.CARRY_STATE, 71);
    try (NDManager gpu = NDManager.newBaseManager(Device.gpu())) {
      Map<String, NDArray> arrays = scanCase.arrays(gpu);
      for (int i = 0; i < 20; i++) { // warm the caching allocator
        try (NDManager step = gpu.newSubManager()) {
          run(scanCase, new CudaScan(), attach(arrays, step));
        }
      }
      CudaLibrary.resetPeakMemory(0);
      try (NDManager step = gpu.newSubManager()) {
        run(scanCase, new CudaScan(), attach(arrays, step));
      }
      long first = CudaLibrary.peakAllocatedBytes(0);
      for (int i = 0; i < 500; i++) {
        try (NDManager step = gpu.newSubManager()) {
          run(scanCase, new CudaScan(), attach(arrays, step));
        }
      }
      // After 500 more calls, one call peaks where the first did: nothing accumulates.
      CudaLibrary.resetPeakMemory(0);
      try (NDManager step = gpu.newSubManager()) {
        run(scanCase, new CudaScan(), attach(arrays, step));
      }
      assertThat(CudaLibrary.peakAllocatedBytes(0)).isLessThanOrEqualTo(first + (1 << 20));
    }
  }

  /** Forward and backward with the output y as the only loss term (the last state has no grad). */
  private static Map<String, NDArray> run(
      ScanCase scanCase, SelectiveScan scan, Map<String, NDArray> arrays) {
    NDArray[] last = new NDArray[1];
    Map<String, NDArray> values =
        Gradients.run(
            arrays,
            CONSTANTS,
            inputs -> {
              ScanResult result = scan.apply(scanCase.inputs(inputs));
              last[0] = result.lastState();
              return Map.of("y", result.y());
            },
            scanCase.seed() + 1);
    values.put("lastState", last[0]);
    return values;
  }

  private static NDArray scan(ScanCase scanCase, Map<String, NDArray> arrays) {
    return new CudaScan().apply(scanCase.inputs(arrays)).y();
  }

  private static double loss(
      ScanCase scanCase,
      Map<String, NDArray> inputs,
      String name,
      double[] values,
      int index,
      double step,
      NDArray weights,
      NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      double[] moved = values.clone();
      moved[index] += step;
      Map<String, NDArray> arrays = new LinkedHashMap<>(inputs);
      arrays.put(name, scope.create(moved, inputs.get(name).getShape()));
      return scan(scanCase, arrays).mul(weights).sum().getDouble();
    }
  }

  private static double maxRelativeError(double[] actual, double[] expected) {
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < actual.length; i++) {
      diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return diff / Math.max(scale, 1e-12);
  }

  private static Map<String, NDArray> attach(Map<String, NDArray> arrays, NDManager scope) {
    Map<String, NDArray> copies = new LinkedHashMap<>();
    arrays.forEach((name, array) -> copies.put(name, array.duplicate()));
    copies.values().forEach(array -> array.attach(scope));
    return copies;
  }

  private static Map<String, NDArray> onCpu(Map<String, NDArray> arrays) {
    Map<String, NDArray> copies = new LinkedHashMap<>();
    arrays.forEach(
        (name, array) ->
            copies.put(name, array.toDevice(Device.cpu(), true).toType(DataType.FLOAT32, false)));
    return copies;
  }
}
