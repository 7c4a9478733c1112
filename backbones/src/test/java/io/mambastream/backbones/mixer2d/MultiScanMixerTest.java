package io.mambastream.backbones.mixer2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.GradientChecks;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.mamba.MambaMixer;
import io.mambastream.backbones.scan.ScanPath;
import io.mambastream.backbones.scan.TokenGrid;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.SequentialScan;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultiScanMixerTest {

  private static final int D = 8;
  private static final int N = 4;
  private static final TokenGrid GRID = TokenGrid.of(4, 5);

  private static MultiScanMixer.Builder mixer(ScanLayout layout) {
    return MultiScanMixer.builder().setDModel(D).optDState(N).optLayout(layout);
  }

  private static NDArray tokens(NDManager manager, int seed) {
    manager.getEngine().setRandomSeed(seed);
    return manager.randomNormal(new Shape(2, GRID.length(), D));
  }

  private static <T extends Block> T init(NDManager manager, T block, int seed) {
    manager.getEngine().setRandomSeed(seed);
    block.initialize(manager, DataType.FLOAT32, new Shape(2, GRID.length(), D));
    return block;
  }

  private static NDArray mix(NDManager manager, MultiScanMixer mixer, NDArray u, NDArray mask) {
    return mixer.mix(new ParameterStore(manager, false), u, GRID, mask, false);
  }

  private static void assertClose(NDArray actual, NDArray expected, double tolerance) {
    assertThat(actual.getShape()).isEqualTo(expected.getShape());
    double error = actual.sub(expected).abs().max().getFloat();
    double scale = expected.abs().max().getFloat();
    assertThat(error).as("max |difference| (scale %s)", scale).isLessThan(tolerance * scale);
  }

  /** Sets {@code to}'s parameter {@code name} to the values of {@code from} (same size). */
  private static void copy(Parameter from, Parameter to) {
    assertThat(to.getArray().size()).isEqualTo(from.getArray().size());
    to.getArray().set(from.getArray().toFloatArray());
  }

  /**
   * The single-path reference: with a 1×1 depthwise conv (a per-channel scale and bias, like
   * Mamba's causal conv of width 1) and no out-norm, our mixer on one path is Mamba's
   * unidirectional mixer applied to the tokens in that path's order. Because the gate and out_proj
   * act per token, Σ_k unscan_k(mamba(scan_k(u))) must equal the shared-weight multi-path mixer,
   * for every path layout.
   */
  @ParameterizedTest
  @EnumSource(
      value = ScanLayout.class,
      names = {"ROW_MAJOR", "CROSS", "ZIGZAG"})
  void sharedWeightPathsEqualTheSinglePathMambaMixerSummedOverPaths(ScanLayout layout) {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer ours =
          init(
              manager,
              mixer(layout)
                  .optConvKernel(1)
                  .optOutNorm(false)
                  .optSharedPathWeights(true)
                  .optScan(new SequentialScan())
                  .build(),
              1);
      MambaMixer mamba =
          init(
              manager,
              MambaMixer.builder()
                  .setDModel(D)
                  .optDState(N)
                  .optDConv(1)
                  .optBidirectional(false)
                  .optScan(new SequentialScan())
                  .build(),
              2);
      Map<String, Parameter> o = StateDictNames.of(ours);
      Map<String, Parameter> m = StateDictNames.of(mamba);
      copy(o.get("in_proj.weight"), m.get("in_proj.weight"));
      copy(o.get("conv2d.weight"), m.get("conv1d.weight"));
      copy(o.get("conv2d.bias"), m.get("conv1d.bias"));
      copy(o.get("x_proj_weight"), m.get("x_proj.weight"));
      copy(o.get("dt_projs_weight"), m.get("dt_proj.weight"));
      copy(o.get("dt_projs_bias"), m.get("dt_proj.bias"));
      copy(o.get("A_logs"), m.get("A_log"));
      copy(o.get("Ds"), m.get("D"));
      copy(o.get("out_proj.weight"), m.get("out_proj.weight"));

      NDArray u = tokens(manager, 3);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray expected = null;
      for (ScanPath path : layout.over(GRID).paths()) {
        NDArray y = path.unscan(mamba.mix(store, path.scan(u), null, false));
        expected = expected == null ? y : expected.add(y);
      }
      assertClose(mix(manager, ours, u, null), expected, 1e-5);
    }
  }

  /**
   * VMamba's per-path parameter sets, all set to the same values, act as one shared set. The shared
   * mixer runs its K paths as one batched scan, the per-path one path by path, so this also checks
   * the batched form, with direction embeddings and a random kept-mask.
   */
  @ParameterizedTest
  @EnumSource(
      value = ScanLayout.class,
      names = {"CROSS", "ZIGZAG"})
  void perPathParameterSetsWithEqualValuesEqualSharedWeights(ScanLayout layout) {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer perPath = init(manager, mixer(layout).optDirectionEmbeddings(true).build(), 4);
      MultiScanMixer shared =
          init(
              manager,
              mixer(layout).optDirectionEmbeddings(true).optSharedPathWeights(true).build(),
              5);
      assertThat(perPath.parameterSets()).isEqualTo(4);
      Map<String, Parameter> p = StateDictNames.of(perPath);
      Map<String, Parameter> s = StateDictNames.of(shared);
      for (Map.Entry<String, Parameter> entry : s.entrySet()) {
        NDArray one = entry.getValue().getArray();
        NDArray target = p.get(entry.getKey()).getArray();
        // per-path tensors stack the K sets along axis 0: repeat the shared set K times
        NDArray value =
            target.size() == one.size() ? one : NDArrays.concat(new NDList(one, one, one, one));
        target.set(value.toFloatArray());
      }
      NDArray table = s.get("direction_Bs").getArray();
      table.set(manager.randomNormal(table.getShape()).toFloatArray());
      p.get("direction_Bs").getArray().set(table.toFloatArray());
      NDArray u = tokens(manager, 6);
      NDArray mask = manager.randomUniform(0f, 1f, new Shape(2, GRID.length())).gt(0.3f);
      mask = mask.toType(DataType.FLOAT32, false);
      assertClose(mix(manager, perPath, u, mask), mix(manager, shared, u, mask), 1e-5);
      assertClose(mix(manager, perPath, u, null), mix(manager, shared, u, null), 1e-5);
      // and distinct sets give another result
      p.get("dt_projs_bias").getArray().set(new NDIndex("1"), 2f);
      assertThat(mix(manager, perPath, u, null).sub(mix(manager, shared, u, null)).abs().max())
          .extracting(NDArray::getFloat)
          .isNotEqualTo(0f);
    }
  }

  @Test
  void directionEmbeddingsChangeTheOutputAndZeroEmbeddingsRecoverThePlainScan() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer.Builder base =
          mixer(ScanLayout.ZIGZAG).optSharedPathWeights(true).optOutNorm(false);
      MultiScanMixer with = init(manager, base.optDirectionEmbeddings(true).build(), 7);
      MultiScanMixer without = init(manager, base.optDirectionEmbeddings(false).build(), 8);
      Map<String, Parameter> w = StateDictNames.of(with);
      StateDictNames.of(without).forEach((name, p) -> copy(w.get(name), p));
      NDArray table = w.get("direction_Bs").getArray();
      assertThat(table.getShape()).isEqualTo(new Shape(6, N));
      manager.getEngine().setRandomSeed(9);
      table.set(manager.randomNormal(table.getShape()).toFloatArray());

      NDArray u = tokens(manager, 10);
      NDArray plain = mix(manager, without, u, null);
      assertThat(mix(manager, with, u, null).sub(plain).abs().max().getFloat())
          .isGreaterThan(1e-3f);
      table.set(new float[6 * N]);
      assertClose(mix(manager, with, u, null), plain, 1e-6);
    }
  }

  @ParameterizedTest
  @EnumSource(ScanLayout.class)
  void anAllOnesKeptMaskEqualsTheUnmaskedForward(ScanLayout layout) {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer m = init(manager, mixer(layout).optDirectionEmbeddings(true).build(), 11);
      NDArray u = tokens(manager, 12);
      NDArray ones = manager.ones(new Shape(2, GRID.length()));
      assertClose(mix(manager, m, u, ones), mix(manager, m, u, null), 1e-6);
    }
  }

  /**
   * EfficientVMamba scans each stride-2 sub-grid as its own sequence. With a 1×1 conv nothing else
   * mixes tokens, so changing the token at cell (0, 0) changes outputs only in its own sub-grid
   * (even rows, even columns).
   */
  @Test
  void atrousSubGridsAreIndependentSequences() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer m = init(manager, mixer(ScanLayout.ATROUS).optConvKernel(1).build(), 13);
      NDArray u = tokens(manager, 14);
      NDArray moved = u.duplicate();
      moved.set(new NDIndex("0, 0"), 5f);
      NDArray change =
          mix(manager, m, moved, null).sub(mix(manager, m, u, null)).abs().max(new int[] {2});
      for (int cell = 0; cell < GRID.cells(); cell++) {
        int row = cell / GRID.width();
        int col = cell % GRID.width();
        float delta = change.getFloat(0, cell);
        if (row % 2 == 0 && col % 2 == 0) {
          assertThat(delta).as("cell (%d, %d)", row, col).isGreaterThan(0f);
        } else {
          assertThat(delta).as("cell (%d, %d)", row, col).isZero();
        }
      }
      assertThat(change.get(1).abs().max().getFloat()).isZero(); // other image untouched
    }
  }

  @Test
  void channelGroupsScanAQuarterOfTheChannelsEachWithTheirOwnWeights() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer m = init(manager, mixer(ScanLayout.GROUPS).build(), 15);
      assertThat(m.pathWidth()).isEqualTo(m.dInner() / 4);
      Map<String, Parameter> p = StateDictNames.of(m);
      int r = (D + 15) / 16;
      assertThat(p.get("x_proj_weight").getShape()).isEqualTo(new Shape(4, r + 2 * N, 4));
      assertThat(p.get("A_logs").getShape()).isEqualTo(new Shape(16, N));
      assertThat(mix(manager, m, tokens(manager, 16), null).getShape())
          .isEqualTo(new Shape(2, GRID.length(), D));
      assertThatThrownBy(() -> mixer(ScanLayout.GROUPS).optSsmRatio(1.5).setDModel(6).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("divisible by 4");
    }
  }

  @ParameterizedTest
  @EnumSource(ScanLayout.class)
  void everyParameterReceivesAGradient(ScanLayout layout) {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer m =
          init(
              manager,
              mixer(layout).optDirectionEmbeddings(true).optProjectionBias(true).build(),
              17);
      NDArray u = tokens(manager, 18);
      NDArray weights = manager.randomNormal(u.getShape());
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray out = m.mix(new ParameterStore(manager, false), u, GRID, null, true);
        collector.backward(out.mul(weights).sum());
      }
      GradientChecks.assertEveryParameterHasAGradient(m, 14);
    }
  }

  @ParameterizedTest
  @EnumSource(ScanLayout.class)
  void theFusedInferenceScanMatchesTheDifferentiableOne(ScanLayout layout) {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer m = init(manager, mixer(layout).optDirectionEmbeddings(true).build(), 19);
      NDArray u = tokens(manager, 20);
      NDArray chunked = mix(manager, m, u, null);
      m.setScan(FusedScan.builder().optThreads(1).build());
      assertClose(mix(manager, m, u, null), chunked, 1e-4);
    }
  }

  @Test
  void rejectsTokensThatDoNotFitTheGrid() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiScanMixer m = init(manager, mixer(ScanLayout.CROSS).build(), 21);
      NDArray u = manager.zeros(new Shape(1, 7, D));
      assertThatThrownBy(() -> mix(manager, m, u, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(B, 20, 8)");
    }
  }
}
