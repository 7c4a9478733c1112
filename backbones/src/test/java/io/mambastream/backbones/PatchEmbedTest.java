package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.scan.TokenGrid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchEmbedTest {

  private final PatchEmbed embed = new PatchEmbed(3, 8, 4);

  @Test
  void gridOfDividesHeightAndWidthByThePatchSize() {
    assertThat(embed.gridOf(new Shape(2, 3, 8, 12))).isEqualTo(TokenGrid.of(2, 3));
  }

  @Test
  void gridOfRejectsOtherChannelsSizesAndRanks() {
    for (Shape bad :
        new Shape[] {
          new Shape(2, 1, 8, 8), new Shape(2, 3, 6, 8), new Shape(2, 3, 8, 0), new Shape(3, 8, 8)
        }) {
      assertThatThrownBy(() -> embed.gridOf(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "images must be (B, 3, H, W) with H and W positive multiples of 4, got " + bad);
    }
  }

  @Test
  void checkSquareAcceptsOnlyTheConfiguredSize() {
    embed.checkSquare(new Shape(5, 3, 16, 16), 16);
    assertThatThrownBy(() -> embed.checkSquare(new Shape(5, 3, 16, 12), 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("images must be (B, 3, 16, 16), got (5, 3, 16, 12)");
  }

  /** Direct convolution, one output pixel at a time: (C, H, W) → (O, H', W'), zero padding. */
  private static float[][][] conv(
      float[][][] x, float[] w, float[] b, int out, int kernel, int stride, int pad) {
    int channels = x.length;
    int h = (x[0].length + 2 * pad - kernel) / stride + 1;
    int wd = (x[0][0].length + 2 * pad - kernel) / stride + 1;
    float[][][] y = new float[out][h][wd];
    for (int o = 0; o < out; o++) {
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < wd; c++) {
          double sum = b[o];
          for (int i = 0; i < channels; i++) {
            for (int kr = 0; kr < kernel; kr++) {
              for (int kc = 0; kc < kernel; kc++) {
                int sr = r * stride + kr - pad;
                int sc = c * stride + kc - pad;
                if (sr >= 0 && sr < x[0].length && sc >= 0 && sc < x[0][0].length) {
                  sum += w[((o * channels + i) * kernel + kr) * kernel + kc] * x[i][sr][sc];
                }
              }
            }
          }
          y[o][r][c] = (float) sum;
        }
      }
    }
    return y;
  }

  @Test
  void theConvStemIsAStride2ConvolutionWithSiluThenHalfSizedPatches() {
    // C 2, D 8 (S = 8), P 4, 8×8 px: stem 3×3/2 → 8×4×4, SiLU, patches 2×2/2 → 8×2×2 = 4 tokens.
    PatchEmbed stem = new PatchEmbed(2, 8, 4, true);
    assertThat(stem.convStem()).isTrue();
    SplittableRandom random = new SplittableRandom(3);
    float[][][] image = new float[2][8][8];
    float[] flat = new float[2 * 64];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = (float) (random.nextDouble() * 2 - 1);
      image[i / 64][(i % 64) / 8][i % 8] = flat[i];
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(9);
      stem.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 8, 8));
      Map<String, float[]> p = new LinkedHashMap<>();
      for (var pair : stem.getParameters()) {
        Parameter parameter = pair.getValue();
        if (parameter.getName().endsWith("bias")) { // zeros by default: make them count
          parameter.getArray().set(randomFloats(random, (int) parameter.getArray().size()));
        }
        p.put(parameter.getName(), parameter.getArray().toFloatArray());
      }
      assertThat(p.keySet())
          .containsExactly("stem.weight", "stem.bias", "proj.weight", "proj.bias");
      NDArray tokens =
          stem.forward(
                  new ParameterStore(manager, false),
                  new NDList(manager.create(flat, new Shape(1, 2, 8, 8))),
                  false)
              .singletonOrThrow();
      assertThat(tokens.getShape()).isEqualTo(new Shape(1, 4, 8));

      float[][][] s = conv(image, p.get("stem.weight"), p.get("stem.bias"), 8, 3, 2, 1);
      for (float[][] plane : s) {
        for (float[] row : plane) {
          for (int c = 0; c < row.length; c++) {
            row[c] = (float) (row[c] / (1 + Math.exp(-row[c]))); // SiLU
          }
        }
      }
      float[][][] grid = conv(s, p.get("proj.weight"), p.get("proj.bias"), 8, 2, 2, 0);
      float[] actual = tokens.toFloatArray(); // (1, M, D), row-major grid order
      for (int m = 0; m < 4; m++) {
        for (int d = 0; d < 8; d++) {
          assertThat(actual[m * 8 + d]).isCloseTo(grid[d][m / 2][m % 2], within(1e-5f));
        }
      }
    }
  }

  private static float[] randomFloats(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (random.nextDouble() - 0.5);
    }
    return out;
  }

  @Test
  void sizesAreReadBackFromTheStateDictShapesWithAndWithoutAStem() {
    Map<String, Shape> plain = Map.of("patch_embed.proj.weight", new Shape(192, 1, 4, 4));
    assertThat(PatchEmbed.sizesOf(plain)).isEqualTo(new PatchEmbed.Sizes(192, 1, 4, false));
    Map<String, Shape> stemmed =
        Map.of(
            "patch_embed.stem.weight", new Shape(48, 3, 3, 3),
            "patch_embed.proj.weight", new Shape(192, 48, 2, 2));
    assertThat(PatchEmbed.sizesOf(stemmed)).isEqualTo(new PatchEmbed.Sizes(192, 3, 4, true));
    Map<String, Shape> foreign =
        Map.of(
            "patch_embed.stem.weight", new Shape(32, 3, 3, 3),
            "patch_embed.proj.weight", new Shape(192, 32, 2, 2));
    assertThatThrownBy(() -> PatchEmbed.sizesOf(foreign))
        .hasMessage(
            "a convolutional stem needs patch_embed.stem.weight (48, C, 3, 3) and"
                + " patch_embed.proj.weight (192, 48, P/2, P/2), got (32, 3, 3, 3) and (192, 32, 2,"
                + " 2)");
    assertThatThrownBy(() -> new PatchEmbed(1, 8, 7, true))
        .hasMessage("a convolutional stem needs an even patch size, got 7");
  }
}
