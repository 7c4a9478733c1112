package io.mambastream.backbones.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check against a model's expected names and shapes, on a Vim-Ti-shaped state dict (keys and
 * shapes from DESIGN §3: dim 192, d_state 16, d_inner 384, dt_rank 12) with planted differences.
 */
class StateDictCheckTest {
  private static final int DEPTH = 12;

  /**
   * The names and shapes of Vim-Ti (bimamba v2) with {@code classes} outputs, as DESIGN §3 lists
   * them.
   */
  private static Map<String, Shape> vimTiny(int classes) {
    Map<String, Shape> spec = new LinkedHashMap<>();
    spec.put("cls_token", new Shape(1, 1, 192));
    spec.put("pos_embed", new Shape(1, 197, 192));
    spec.put("patch_embed.proj.weight", new Shape(192, 3, 16, 16));
    spec.put("patch_embed.proj.bias", new Shape(192));
    for (int i = 0; i < DEPTH; i++) {
      String mixer = "layers." + i + ".mixer.";
      spec.put(mixer + "in_proj.weight", new Shape(768, 192));
      for (String suffix : new String[] {"", "_b"}) {
        spec.put(mixer + "conv1d" + suffix + ".weight", new Shape(384, 1, 4));
        spec.put(mixer + "conv1d" + suffix + ".bias", new Shape(384));
        spec.put(mixer + "x_proj" + suffix + ".weight", new Shape(44, 384));
        spec.put(mixer + "dt_proj" + suffix + ".weight", new Shape(384, 12));
        spec.put(mixer + "dt_proj" + suffix + ".bias", new Shape(384));
      }
      spec.put(mixer + "A_log", new Shape(384, 16));
      spec.put(mixer + "A_b_log", new Shape(384, 16));
      spec.put(mixer + "D", new Shape(384));
      spec.put(mixer + "D_b", new Shape(384));
      spec.put(mixer + "out_proj.weight", new Shape(192, 384));
      spec.put("layers." + i + ".norm.weight", new Shape(192));
    }
    spec.put("norm_f.weight", new Shape(192));
    spec.put("head.weight", new Shape(classes, 192));
    spec.put("head.bias", new Shape(classes));
    return spec;
  }

  private static TensorData zeros(Shape shape) {
    return new TensorData(
        ElementType.FLOAT32, shape.getShape(), ByteBuffer.allocate((int) shape.size() * 4));
  }

  /**
   * A Vim-Ti checkpoint fine-tuned to 10 classes, with two tensors lost, two extra and two resized.
   */
  private static StateDict plantedCheckpoint() {
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    vimTiny(10).forEach((name, shape) -> tensors.put(name, zeros(shape)));
    tensors.remove("layers.3.mixer.D_b");
    tensors.remove("layers.11.mixer.A_b_log");
    tensors.put("layers.10.mixer.in_proj.bias", zeros(new Shape(768)));
    tensors.put("norm_f.bias", zeros(new Shape(192)));
    tensors.put("pos_embed", zeros(new Shape(1, 145, 192)));
    tensors.put("layers.2.mixer.A_log", zeros(new Shape(384, 8)));
    return StateDict.of(tensors);
  }

  @Test
  void reportsExactlyThePlantedDifferencesOfAFileReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vim.safetensors");
    Checkpoints.writeSafetensors(file, plantedCheckpoint());
    StateDict weights = Checkpoints.read(file);
    StateDictCheck check = StateDictCheck.builder().setExpected(vimTiny(1000)).build();

    CheckReport report = check.check(weights);

    assertThat(report.missing()).containsExactly("layers.3.mixer.D_b", "layers.11.mixer.A_b_log");
    assertThat(report.unexpected()).containsExactly("layers.10.mixer.in_proj.bias", "norm_f.bias");
    assertThat(report.mismatched())
        .containsExactly(
            new ShapeMismatch("head.bias", new Shape(1000), new Shape(10)),
            new ShapeMismatch("head.weight", new Shape(1000, 192), new Shape(10, 192)),
            new ShapeMismatch("layers.2.mixer.A_log", new Shape(384, 16), new Shape(384, 8)),
            new ShapeMismatch("pos_embed", new Shape(1, 197, 192), new Shape(1, 145, 192)));
    assertThatThrownBy(() -> check.verify(weights))
        .isInstanceOf(CheckpointMismatchException.class)
        .hasMessage(
            String.join(
                "\n",
                "the state dict does not match the model: 2 missing, 2 unexpected, 4 with another shape",
                "missing (2):",
                "  layers.3.mixer.D_b",
                "  layers.11.mixer.A_b_log",
                "unexpected (2):",
                "  layers.10.mixer.in_proj.bias",
                "  norm_f.bias",
                "shape mismatch (4):",
                "  head.bias: expected (1000), found (10)",
                "  head.weight: expected (1000, 192), found (10, 192)",
                "  layers.2.mixer.A_log: expected (384, 16), found (384, 8)",
                "  pos_embed: expected (1, 197, 192), found (1, 145, 192)"));
  }

  @Test
  void ignoresPrefixesOnBothSides() {
    Map<String, Shape> expected = vimTiny(1000);
    expected.put("head.extra", new Shape(1)); // would be missing
    StateDictCheck check =
        StateDictCheck.builder().setExpected(expected).optIgnoredPrefixes("head.").build();
    CheckReport report = check.check(plantedCheckpoint());
    assertThat(report.missing()).containsExactly("layers.3.mixer.D_b", "layers.11.mixer.A_b_log");
    assertThat(report.mismatched())
        .extracting(ShapeMismatch::name)
        .containsExactly("layers.2.mixer.A_log", "pos_embed");
  }

  @Test
  void passesAMatchingStateDictThrough() {
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    vimTiny(1000).forEach((name, shape) -> tensors.put(name, zeros(shape)));
    StateDict weights = StateDict.of(tensors);
    CheckReport report = StateDictCheck.builder().setExpected(vimTiny(1000)).build().check(weights);
    assertThat(report.isClean()).isTrue();
    assertThat(report.describe()).isEqualTo("the state dict matches the model");
    assertThat(StateDictCheck.builder().setExpected(vimTiny(1000)).build().verify(weights))
        .isSameAs(weights);
  }

  @Test
  void capsLongGroups() {
    Map<String, Shape> expected = new LinkedHashMap<>();
    for (int i = 24; i >= 0; i--) {
      expected.put("blocks." + i + ".w", new Shape(1));
    }
    CheckReport report = StateDictCheck.builder().setExpected(expected).build().check(Map.of());
    assertThat(report.missing())
        .hasSize(25)
        .startsWith("blocks.0.w", "blocks.1.w", "blocks.2.w")
        .endsWith("blocks.24.w");
    List<String> lines = report.describe().lines().toList();
    assertThat(lines).hasSize(2 + CheckReport.MAX_LISTED + 1);
    assertThat(lines.get(2 + CheckReport.MAX_LISTED - 1)).isEqualTo("  blocks.19.w");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("  ... and 5 more");
  }

  @Test
  void ordersNamesWithNumbersAsNumbers() {
    List<String> names =
        new java.util.ArrayList<>(
            List.of(
                "layers.10.a", "layers.2.b", "layers.2.a", "layers.1", "layersx", "a.10b", "a.9b"));
    names.sort(NaturalOrder.INSTANCE);
    assertThat(names)
        .containsExactly(
            "a.10b", "a.9b", "layers.1", "layers.2.a", "layers.2.b", "layers.10.a", "layersx");
  }

  @Test
  void refusesAnIncompleteBuilder() {
    assertThatThrownBy(() -> StateDictCheck.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> StateDictCheck.builder().optIgnoredPrefixes(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void removesAPrefixAndRefusesCollisions() {
    TensorData one = TensorData.ofFloats(new float[] {1f});
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    tensors.put("module.a", one);
    tensors.put("b", one);
    assertThat(StateDict.of(tensors).withPrefixRemoved("module.").names())
        .containsExactly("a", "b");
    tensors.put("a", one);
    assertThatThrownBy(() -> StateDict.of(tensors).withPrefixRemoved("module."))
        .hasMessageContaining("makes two tensors 'a'");
  }
}
