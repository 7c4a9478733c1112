package io.mambastream.backbones.plainmamba;

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
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.GradientChecks;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.mixer2d.ScanLayout;
import io.mambastream.backbones.ssm.FusedScan;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PlainMambaTest {

  private static final Shape IMAGES = new Shape(2, 3, 32, 32);

  private static PlainMamba.Builder small(ScanLayout layout) {
    return PlainMamba.builder()
        .setEmbedDim(16)
        .setDepth(1)
        .optDState(4)
        .optConvKernel(3)
        .optPatchSize(8)
        .optImageSize(32)
        .optNumClasses(5)
        .optLayout(layout);
  }

  private static PlainMamba init(NDManager manager, PlainMamba model, int seed) {
    manager.getEngine().setRandomSeed(seed);
    model.initialize(manager, DataType.FLOAT32, IMAGES);
    return model;
  }

  private static NDArray images(NDManager manager, Shape shape, int seed) {
    manager.getEngine().setRandomSeed(seed);
    return manager.randomNormal(shape);
  }

  private static float maxDifference(NDArray a, NDArray b) {
    return a.sub(b).abs().max().getFloat();
  }

  /** One map of stride P = 8 whose grid is H / 8 × W / 8; other sizes resize pos_embed. */
  @ParameterizedTest
  @CsvSource({"32, 32", "48, 32", "16, 24"})
  void oneStride8MapForSeveralImageSizes(int height, int width) {
    try (NDManager manager = NDManager.newBaseManager()) {
      PlainMamba model = init(manager, small(ScanLayout.ZIGZAG).build(), 1);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = images(manager, new Shape(2, 3, height, width), 2);
      FeatureMaps features = model.extract(store, x, false);
      assertThat(features.maps()).hasSize(1);
      assertThat(features.finest().stride()).isEqualTo(8);
      assertThat(features.finest().map().getShape())
          .isEqualTo(new Shape(2, 16, height / 8, width / 8));
      NDArray logits = model.forward(store, new NDList(x), false).singletonOrThrow();
      assertThat(logits.getShape()).isEqualTo(new Shape(2, 5));
    }
  }

  @Test
  void theResizedPositionEmbeddingIsTrainedThrough() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PlainMamba model = init(manager, small(ScanLayout.ZIGZAG).build(), 12);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = images(manager, new Shape(1, 3, 48, 24), 13); // 6×3 grid, pos_embed is 4×4
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray map = model.extract(store, x, true).finest().map();
        collector.backward(map.mul(manager.randomNormal(map.getShape())).sum());
      }
      NDArray grad = StateDictNames.of(model).get("pos_embed").getArray().getGradient();
      assertThat(grad.getShape()).isEqualTo(new Shape(1, 16, 16));
      assertThat(grad.abs().sum().getFloat()).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ScanLayout.class,
      names = {"ZIGZAG", "ATROUS", "GROUPS"})
  void everyParameterReceivesAGradient(ScanLayout layout) {
    try (NDManager manager = NDManager.newBaseManager()) {
      PlainMamba model = init(manager, small(layout).build(), 3);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = images(manager, IMAGES, 4);
      NDArray target = manager.randomNormal(new Shape(2, 5));
      GradientChecks.backwardWeighted(model, store, x, target);
      // patch embed 2, pos_embed 1; layer: norm 2, mixer 12 (in/out proj with bias, conv 2, SSM 5,
      // direction table); final norm 2; head 2
      GradientChecks.assertEveryParameterHasAGradient(model, 3 + 14 + 2 + 2);
    }
  }

  @Test
  void layoutsPickTheirWeightSharing() {
    assertThat(small(ScanLayout.ZIGZAG).build().layers().get(0).mamba().parameterSets())
        .isEqualTo(1);
    assertThat(small(ScanLayout.GROUPS).build().layers().get(0).mamba().parameterSets())
        .isEqualTo(4);
    assertThat(small(ScanLayout.GROUPS).build().layers().get(0).mamba().pathWidth()).isEqualTo(8);
  }

  @Test
  void directionEmbeddingsChangeTheOutputAndZeroOnesRecoverTheModelWithout() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PlainMamba with = init(manager, small(ScanLayout.ZIGZAG).build(), 5);
      PlainMamba without =
          init(manager, small(ScanLayout.ZIGZAG).optDirectionEmbeddings(false).build(), 6);
      Map<String, Parameter> w = StateDictNames.of(with);
      StateDictNames.of(without)
          .forEach((name, p) -> p.getArray().set(w.get(name).getArray().toFloatArray()));
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = images(manager, IMAGES, 7);
      NDArray table = w.get("layers.0.mamba.direction_Bs").getArray();
      table.set(manager.randomNormal(table.getShape()).toFloatArray());
      // the normed feature map, O(1) per element (the logits of a fresh head are ~0.02 scale)
      NDArray plain = without.extract(store, x, false).finest().map();
      assertThat(maxDifference(with.extract(store, x, false).finest().map(), plain))
          .isGreaterThan(1e-3f);
      table.set(new float[Math.toIntExact(table.size())]);
      assertThat(maxDifference(with.extract(store, x, false).finest().map(), plain))
          .isLessThan(1e-5f);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ScanLayout.class,
      names = {"ZIGZAG", "ATROUS", "GROUPS"})
  void anAllOnesKeptMaskEqualsTheUnmaskedForward(ScanLayout layout) {
    try (NDManager manager = NDManager.newBaseManager()) {
      PlainMamba model = init(manager, small(layout).build(), 8);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = images(manager, IMAGES, 9);
      NDArray plain = model.extract(store, x, false).finest().map();
      NDArray masked =
          model.extract(store, x, manager.ones(new Shape(2, 16)), false).finest().map();
      assertThat(maxDifference(masked, plain)).isLessThan(1e-6f);
    }
  }

  @Test
  void theFusedScanGivesTheSameLogitsForInference() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PlainMamba model = init(manager, small(ScanLayout.ZIGZAG).build(), 10);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = images(manager, IMAGES, 11);
      NDArray chunked = model.forward(store, new NDList(x), false).singletonOrThrow();
      model.setScan(FusedScan.builder().optThreads(1).build());
      NDArray fused = model.forward(store, new NDList(x), false).singletonOrThrow();
      assertThat(maxDifference(fused, chunked)).isLessThan(1e-4f * chunked.abs().max().getFloat());
    }
  }

  /**
   * By hand, for width D, E = 2D, N = 16, R = ⌈D/16⌉, 7×7 conv, shared path weights: per layer norm
   * 2D, in_proj 2E·D + 2E, conv 49E + E, x_proj (R + 2N)E, dt_proj E·R + E, A E·N, D E, direction
   * table 6N, out_proj D·E + D; plus patch embed D·3·16·16 + D, pos_embed 196·D, final norm 2D,
   * head 1000·D + 1000.
   */
  @Test
  void presetsHaveTheHandCountedParameterNumbers() {
    assertThat(count(PlainMamba.builder().tiny().build())).isEqualTo(expected(192));
    assertThat(count(PlainMamba.builder().small().build())).isEqualTo(expected(384));
  }

  private static long count(PlainMamba model) {
    return StateDictNames.of(model).values().stream().mapToLong(p -> p.getShape().size()).sum();
  }

  private static long expected(long d) {
    long e = 2 * d;
    long n = 16;
    long r = (d + 15) / 16;
    long layer =
        2 * d
            + 2 * e * d
            + 2 * e
            + 49 * e
            + e
            + (r + 2 * n) * e
            + e * r
            + e
            + e * n
            + e
            + 6 * n
            + d * e
            + d;
    return 24 * layer + d * 3 * 256 + d + 196 * d + 2 * d + 1000 * d + 1000;
  }

  @Test
  void rejectsImagesThatAreNotMultiplesOfThePatch() {
    PlainMamba model = small(ScanLayout.ZIGZAG).build();
    assertThatThrownBy(() -> model.gridOf(new Shape(1, 3, 30, 32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiples of 8");
  }
}
