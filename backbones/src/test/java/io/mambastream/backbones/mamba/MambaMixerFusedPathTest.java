package io.mambastream.backbones.mamba;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.SequentialScan;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The inference path of {@link MambaMixer} on the fused scan (float arrays, anti-causal conv and
 * reverse scan for the backward branch) against the differentiable tensor path (flips, {@link
 * CausalConv1d}) and against the plain-Java {@link MixerReference}, on random weights.
 */
class MambaMixerFusedPathTest {

  private static float[] normal(int size, long seed) {
    Random random = new Random(seed);
    float[] v = new float[size];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private static double relativeError(float[] actual, float[] expected) {
    double maxDiff = 0;
    double maxExpected = 0;
    for (int i = 0; i < actual.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) actual[i] - expected[i]));
      maxExpected = Math.max(maxExpected, Math.abs((double) expected[i]));
    }
    return maxDiff / maxExpected;
  }

  // D, N, K, B, L, bidirectional: E = 2D is a multiple of no vector width for D = 5; L = 150 spans
  // two tiles of the reverse scan; L = 2 is shorter than the conv kernel; E = 24 and 48 fill one or
  // more vectors of the conv with a tail on any width.
  @ParameterizedTest(name = "D={0} N={1} K={2} B={3} L={4} bidirectional={5}")
  @CsvSource({
    "4, 3, 4, 1, 6, true",
    "5, 4, 4, 2, 9, true",
    "8, 16, 4, 1, 150, true",
    "5, 3, 3, 2, 2, true",
    "12, 4, 4, 1, 20, true",
    "24, 4, 4, 2, 5, true",
    "8, 5, 4, 2, 11, false"
  })
  void fusedPathEqualsTheTensorPath(
      int dModel, int state, int kernel, int batch, int length, boolean bidirectional) {
    try (NDManager manager = NDManager.newBaseManager()) {
      MambaMixer mixer =
          MambaMixer.builder()
              .setDModel(dModel)
              .optDState(state)
              .optDConv(kernel)
              .optBidirectional(bidirectional)
              .optScan(FusedScan.builder().optThreads(2).build())
              .build();
      mixer.initialize(manager, DataType.FLOAT32, new Shape(batch, length, dModel));
      RandomWeights.randomize(mixer, 7L * dModel + length);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray u =
          manager.create(normal(batch * length * dModel, length), new Shape(batch, length, dModel));

      float[] fast = mixer.mix(store, u, null, false).toFloatArray();
      // training = true takes the tensor path with the same fused scan: only the path differs.
      float[] tensorFused = mixer.mix(store, u, null, true).toFloatArray();
      mixer.setScan(new SequentialScan());
      float[] tensorSequential = mixer.mix(store, u, null, false).toFloatArray();

      assertThat(relativeError(fast, tensorFused)).isLessThan(1e-4);
      assertThat(relativeError(fast, tensorSequential)).isLessThan(1e-4);
    }
  }

  @ParameterizedTest(name = "bidirectional={0}")
  @CsvSource({"true", "false"})
  void fusedPathEqualsThePlainJavaReference(boolean bidirectional) {
    try (NDManager manager = NDManager.newBaseManager()) {
      // D = 4, E = 8, N = 3, R = ceil(4 / 16) = 1, K = 4, as MambaMixerTest.
      MambaMixer mixer =
          MambaMixer.builder()
              .setDModel(4)
              .optDState(3)
              .optBidirectional(bidirectional)
              .optScan(FusedScan.builder().optThreads(1).build())
              .build();
      mixer.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 4));
      Map<String, float[]> parameters = RandomWeights.randomize(mixer, 11);
      float[] flat = normal(6 * 4, 12);
      double[][] u = new double[6][4];
      for (int t = 0; t < 6; t++) {
        for (int m = 0; m < 4; m++) {
          u[t][m] = flat[t * 4 + m];
        }
      }

      float[] ours =
          mixer
              .mix(
                  new ParameterStore(manager, false),
                  manager.create(flat, new Shape(1, 6, 4)),
                  null,
                  false)
              .toFloatArray();
      double[][] expected = new MixerReference(parameters, 4, 8, 3, 1, 4).mix(u, bidirectional);

      MixerReference.assertCloseTo(ours, expected);
    }
  }
}
