package io.mambastream.backbones.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.StateDictNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MambaMixerTest {

  private static MambaMixer tinyMixer(boolean bidirectional) {
    // D = 4, E = 8, N = 3, R = ceil(4 / 16) = 1, K = 4.
    return MambaMixer.builder().setDModel(4).optDState(3).optBidirectional(bidirectional).build();
  }

  private static double[][] randomSequence(int length, int width, long seed) {
    Random random = new Random(seed);
    double[][] u = new double[length][width];
    for (double[] row : u) {
      for (int m = 0; m < width; m++) {
        row[m] = random.nextGaussian();
      }
    }
    return u;
  }

  private static NDArray toArray(NDManager manager, double[][] u) {
    float[] flat = new float[u.length * u[0].length];
    for (int t = 0; t < u.length; t++) {
      for (int m = 0; m < u[0].length; m++) {
        flat[t * u[0].length + m] = (float) u[t][m];
      }
    }
    return manager.create(flat, new Shape(1, u.length, u[0].length));
  }

  @Test
  void bidirectionalMixerEqualsTheHandWrittenComposition() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MambaMixer mixer = tinyMixer(true);
      mixer.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 4));
      Map<String, float[]> parameters = RandomWeights.randomize(mixer, 11);
      double[][] u = randomSequence(6, 4, 12);

      float[] ours =
          mixer
              .mix(new ParameterStore(manager, false), toArray(manager, u), null, false)
              .toFloatArray();
      double[][] expected = new MixerReference(parameters, 4, 8, 3, 1, 4).mix(u, true);

      MixerReference.assertCloseTo(ours, expected);
    }
  }

  @Test
  void forwardOnlyMixerIsCausal() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MambaMixer mixer = tinyMixer(false);
      mixer.initialize(manager, DataType.FLOAT32, new Shape(1, 7, 4));
      RandomWeights.randomize(mixer, 21);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray u = toArray(manager, randomSequence(7, 4, 22));
      float[] before = mixer.mix(store, u, null, false).toFloatArray();
      int changedAt = 4;
      NDArray changed = u.duplicate();
      changed.set(new NDIndex(":, {}, :", changedAt), 3f);
      float[] after = mixer.mix(store, changed, null, false).toFloatArray();
      for (int i = 0; i < changedAt * 4; i++) {
        assertThat(after[i]).as("output %d before the change", i).isEqualTo(before[i]);
      }
      assertThat(after[changedAt * 4]).isNotEqualTo(before[changedAt * 4]);
    }
  }

  @Test
  void backwardBranchSeesTheFuture() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MambaMixer mixer = tinyMixer(true);
      mixer.initialize(manager, DataType.FLOAT32, new Shape(1, 7, 4));
      RandomWeights.randomize(mixer, 31);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray u = toArray(manager, randomSequence(7, 4, 32));
      float[] before = mixer.mix(store, u, null, false).toFloatArray();
      NDArray changed = u.duplicate();
      changed.set(new NDIndex(":, 6, :"), 3f);
      float[] after = mixer.mix(store, changed, null, false).toFloatArray();
      assertThat(after[0]).isNotEqualTo(before[0]);
    }
  }

  @Test
  void prunedTokensEmitZeroAndChangeWhatTheOthersSee() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MambaMixer mixer = tinyMixer(true);
      mixer.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 4));
      RandomWeights.randomize(mixer, 41);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray u = toArray(manager, randomSequence(6, 4, 42));
      float[] plain = mixer.mix(store, u, null, false).toFloatArray();
      float[] allKept = mixer.mix(store, u, manager.ones(new Shape(1, 6)), false).toFloatArray();
      NDArray mask = manager.create(new float[] {1, 1, 0, 1, 1, 1}, new Shape(1, 6));
      float[] pruned = mixer.mix(store, u, mask, false).toFloatArray();

      for (int i = 0; i < plain.length; i++) {
        assertThat(allKept[i]).as("all kept, %d", i).isCloseTo(plain[i], within(1e-6f));
      }
      // Token 2 injects nothing and emits nothing in both directions: its row is out_proj(0) = 0.
      for (int m = 0; m < 4; m++) {
        assertThat(pruned[2 * 4 + m]).isZero();
      }
      // The others still see it missing: token 0 through the backward branch, token 5 forward.
      assertThat(pruned[0]).isNotEqualTo(plain[0]);
      assertThat(pruned[5 * 4]).isNotEqualTo(plain[5 * 4]);
    }
  }

  @Test
  void parametersCarryTheOfficialNamesAndShapes() {
    // The Vim-Ti mixer (DESIGN §3): D = 192, E = 384, N = 16, R = 12.
    MambaMixer mixer = MambaMixer.builder().setDModel(192).build();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    StateDictNames.of(mixer).forEach((name, p) -> shapes.put(name, p.getShape()));
    Map<String, Shape> expected = new LinkedHashMap<>();
    expected.put("in_proj.weight", new Shape(768, 192));
    for (String s : new String[] {"", "_b"}) {
      expected.put("conv1d" + s + ".weight", new Shape(384, 1, 4));
      expected.put("conv1d" + s + ".bias", new Shape(384));
      expected.put("x_proj" + s + ".weight", new Shape(44, 384));
      expected.put("dt_proj" + s + ".weight", new Shape(384, 12));
      expected.put("dt_proj" + s + ".bias", new Shape(384));
      expected.put(s.isEmpty() ? "A_log" : "A_b_log", new Shape(384, 16));
      expected.put("D" + s, new Shape(384));
    }
    expected.put("out_proj.weight", new Shape(192, 384));
    assertThat(shapes).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void initialisesAsTheReference() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(5);
      MambaMixer mixer = MambaMixer.builder().setDModel(32).optDState(4).build();
      mixer.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32));
      Map<String, Parameter> p = StateDictNames.of(mixer);
      // A_log rows are log(1), log(2), log(3), log(4).
      float[] aLog = p.get("A_b_log").getArray().toFloatArray();
      for (int i = 0; i < aLog.length; i++) {
        assertThat((double) aLog[i]).isCloseTo(Math.log(i % 4 + 1), within(1e-6));
      }
      assertThat(p.get("D").getArray().toFloatArray()).containsOnly(1f);
      // softplus(dt bias) is the sampled Δ, inside [1e-3, 1e-1].
      for (float bias : p.get("dt_proj.bias").getArray().toFloatArray()) {
        assertThat(Math.log1p(Math.exp(bias))).isBetween(1e-3 * 0.999, 1e-1 * 1.001);
      }
      // dt_proj weight within ±R^-½ with R = 2.
      for (float w : p.get("dt_proj_b.weight").getArray().toFloatArray()) {
        assertThat(Math.abs(w)).isLessThanOrEqualTo((float) Math.pow(2, -0.5));
      }
    }
  }
}
