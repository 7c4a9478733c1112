package io.mambastream.backbones.vmamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.FeatureMap;
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.GradientChecks;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.scan.TokenGrid;
import io.mambastream.backbones.ssm.FusedScan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VMambaTest {

  private static VMamba.Builder small() {
    return VMamba.builder()
        .setEmbedDim(8)
        .setDepths(1, 1, 1, 1)
        .optDState(2)
        .optSsmRatio(1.0)
        .optMlpRatio(2.0)
        .optNumClasses(5);
  }

  private static VMamba init(NDManager manager, VMamba model, Shape images) {
    manager.getEngine().setRandomSeed(1);
    model.initialize(manager, DataType.FLOAT32, images);
    return model;
  }

  /**
   * The map of stage i has stride 4·2^i; its grid is the stride-4 grid halved i times, rounding up
   * (patch merging pads odd sizes): e.g. 36×20 px → 9×5 → 5×3 → 3×2 → 2×1.
   */
  @ParameterizedTest
  @CsvSource({
    "32, 32, 8, 8, 4, 4, 2, 2, 1, 1",
    "64, 48, 16, 12, 8, 6, 4, 3, 2, 2",
    "36, 20, 9, 5, 5, 3, 3, 2, 2, 1"
  })
  void featureMapsHaveStrides4To32ForSeveralImageSizes(
      int height, int width, int h0, int w0, int h1, int w1, int h2, int w2, int h3, int w3) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape images = new Shape(2, 3, height, width);
      VMamba model = init(manager, small().build(), images);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(images);

      FeatureMaps features = model.extract(store, x, false);
      List<FeatureMap> maps = features.maps();
      int[][] grids = {{h0, w0}, {h1, w1}, {h2, w2}, {h3, w3}};
      assertThat(maps).hasSize(4);
      for (int i = 0; i < 4; i++) {
        assertThat(maps.get(i).stride()).isEqualTo(4 << i);
        assertThat(maps.get(i).map().getShape())
            .isEqualTo(new Shape(2, 8 << i, grids[i][0], grids[i][1]));
      }
      assertThat(features.classEmbedding()).isEmpty();
      assertThat(features.atStride(16).channels()).isEqualTo(32);
      NDArray logits = model.forward(store, new NDList(x), false).singletonOrThrow();
      assertThat(logits.getShape()).isEqualTo(new Shape(2, 5));
    }
  }

  @Test
  void patchMergingConcatenatesEach2x2NeighbourhoodInSwinOrder() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PatchMerging merging = new PatchMerging(1, 4);
      merging.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 1));
      Map<String, Parameter> p = StateDictNames.of(merging);
      // identity reduction and a norm that keeps values: weight 1, bias 0 normalises, so compare
      // the normalised concatenation instead: cell (r, c) of the 2×2 block holds r·2 + c, the
      // order is (0,0), (1,0), (0,1), (1,1) → values 0, 2, 1, 3.
      p.get("reduction.weight").getArray().set(manager.eye(4).toFloatArray());
      NDArray tokens = manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 4, 1));
      NDArray out =
          merging.apply(new ParameterStore(manager, false), tokens, TokenGrid.of(2, 2), false);
      float[] v = out.toFloatArray();
      assertThat(out.getShape()).isEqualTo(new Shape(1, 1, 4));
      assertThat(v[0]).isLessThan(v[2]);
      assertThat(v[2]).isLessThan(v[1]);
      assertThat(v[1]).isLessThan(v[3]);
    }
  }

  /** 64 px, so that the last stage still has a 2×2 grid (on 1 token A has no effect). */
  @Test
  void everyParameterReceivesAGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape images = new Shape(2, 3, 64, 64);
      VMamba model = init(manager, small().build(), images);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(images);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        FeatureMaps features = model.extract(store, x, true);
        NDArray loss =
            model.classify(store, features, true).mul(manager.randomNormal(new Shape(2, 5))).sum();
        for (FeatureMap map : features.maps()) {
          loss = loss.add(map.map().mul(manager.randomNormal(map.map().getShape())).sum());
        }
        collector.backward(loss);
      }
      // stem 2 + norm 2; per block: norm 2, op 11, norm2 2, mlp 4; 3 mergings × 3; 4 norms × 2;
      // head 2
      GradientChecks.assertEveryParameterHasAGradient(model, 4 + 4 * 19 + 3 * 3 + 4 * 2 + 2);
    }
  }

  @Test
  void theFusedScanGivesTheSameFeaturesForInference() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape images = new Shape(1, 3, 32, 32);
      VMamba model = init(manager, small().build(), images);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(images);
      NDArray chunked = model.forward(store, new NDList(x), false).singletonOrThrow();
      model.setScan(FusedScan.builder().optThreads(1).build());
      NDArray fused = model.forward(store, new NDList(x), false).singletonOrThrow();
      assertThat(fused.sub(chunked).abs().max().getFloat())
          .isLessThan(1e-4f * chunked.abs().max().getFloat());
    }
  }

  /**
   * Parameter count by hand for widths C_i = 96·2^i, E = C (ssm ratio 1), N = 1, R = ⌈C/16⌉, K = 4
   * paths, MLP 4C: per block, norms 2C + 2C + out-norm 2E, in_proj 2E·C, conv 9E + E, x_proj K(R +
   * 2N)E, dt_proj K(E·R + E), A K·E·N, D K·E, out_proj C·E, MLP 4C·C + 4C + 4C·C + C; per merging
   * 2·4C + 2C·4C; stem 96·3·16 + 96 + 2·96; stage norms 2C; head 768·1000 + 1000.
   */
  @Test
  void presetsHaveTheHandCountedParameterNumbers() {
    assertThat(count(VMamba.builder().tiny().build())).isEqualTo(expected(new int[] {2, 2, 5, 2}));
    assertThat(count(VMamba.builder().small().build()))
        .isEqualTo(expected(new int[] {2, 2, 15, 2}));
  }

  private static long count(VMamba model) {
    // every parameter is declared with its shape, so no initialisation is needed to count
    return StateDictNames.of(model).values().stream().mapToLong(p -> p.getShape().size()).sum();
  }

  private static long expected(int[] depths) {
    long total = 96L * 3 * 16 + 96 + 2 * 96 + 768L * 1000 + 1000;
    for (int i = 0; i < 4; i++) {
      long c = 96L << i;
      long e = c;
      long r = (c + 15) / 16;
      long n = 1;
      long block =
          2 * c
              + 2 * c
              + 2 * e
              + 2 * e * c
              + 9 * e
              + e
              + 4 * (r + 2 * n) * e
              + 4 * (e * r + e)
              + 4 * e * n
              + 4 * e
              + c * e
              + 4 * c * c
              + 4 * c
              + 4 * c * c
              + c;
      total += depths[i] * block + 2 * c;
      if (i < 3) {
        total += 2 * 4 * c + 2 * c * 4 * c;
      }
    }
    return total;
  }

  @Test
  void rejectsImagesThatAreNotMultiplesOfThePatch() {
    try (NDManager manager = NDManager.newBaseManager()) {
      VMamba model = init(manager, small().build(), new Shape(1, 3, 32, 32));
      NDArray odd = manager.zeros(new Shape(1, 3, 30, 32));
      assertThatThrownBy(() -> model.extract(new ParameterStore(manager, false), odd, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("multiples of 4");
    }
  }
}
