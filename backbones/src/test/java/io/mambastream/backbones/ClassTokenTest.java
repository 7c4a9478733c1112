package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassTokenTest {

  private static final int BATCH = 2;
  private static final int GRID = 2; // M = 4 patches, L = 5
  private static final int DIM = 3;

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 4})
  void insertsTheTokenAtItsIndexAddsPositionsAndSplitsBack(int position) {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> registered = new ArrayList<>();
      ClassToken classToken =
          new ClassToken(
              GRID,
              DIM,
              position,
              p -> {
                registered.add(p);
                return p;
              });
      assertThat(registered)
          .extracting(Parameter::getName)
          .containsExactly("cls_token", "pos_embed");
      registered.forEach(p -> p.initialize(manager, DataType.FLOAT32));
      float[] cls = registered.get(0).getArray().toFloatArray(); // (D)
      float[] pos = registered.get(1).getArray().toFloatArray(); // (L, D)
      int m = GRID * GRID;
      float[] tokens = new float[BATCH * m * DIM];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = i + 1;
      }
      NDArray sequence =
          classToken.embed(
              new ParameterStore(manager, false),
              manager.create(tokens, new Shape(BATCH, m, DIM)),
              false);
      assertThat(sequence.getShape()).isEqualTo(classToken.sequence(BATCH));
      // By hand: sequence index s holds patch s (s < position), the class token (s = position),
      // or patch s - 1 (s > position), each plus pos[s].
      float[] expected = new float[BATCH * (m + 1) * DIM];
      for (int b = 0; b < BATCH; b++) {
        for (int s = 0; s <= m; s++) {
          for (int d = 0; d < DIM; d++) {
            float value =
                s == position ? cls[d] : tokens[(b * m + (s < position ? s : s - 1)) * DIM + d];
            expected[(b * (m + 1) + s) * DIM + d] = value + pos[s * DIM + d];
          }
        }
      }
      assertThat(sequence.toFloatArray()).containsExactly(expected);

      FeatureMaps features = classToken.features(sequence, 16);
      float[] map = features.finest().map().toFloatArray(); // (B, D, g, g)
      assertThat(features.finest().stride()).isEqualTo(16);
      assertThat(features.finest().map().getShape()).isEqualTo(new Shape(BATCH, DIM, GRID, GRID));
      float[] classEmbedding = features.requireClassEmbedding().toFloatArray(); // (B, D)
      for (int b = 0; b < BATCH; b++) {
        for (int d = 0; d < DIM; d++) {
          assertThat(classEmbedding[b * DIM + d])
              .isEqualTo(expected[(b * (m + 1) + position) * DIM + d]);
          for (int patch = 0; patch < m; patch++) {
            int s = patch < position ? patch : patch + 1; // where the patch sits in the sequence
            assertThat(map[(b * DIM + d) * m + patch])
                .isEqualTo(expected[(b * (m + 1) + s) * DIM + d]);
          }
        }
      }
    }
  }
}
