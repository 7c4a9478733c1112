package io.mambastream.backbones.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every factory on a 3×4 grid, its cells numbered row-major:
 *
 * <pre>
 *  0  1  2  3
 *  4  5  6  7
 *  8  9 10 11
 * </pre>
 *
 * The expected orders and direction ids below are written out by walking the picture by hand
 * (direction ids: 0 start, 1 right, 2 left, 3 up, 4 down, 5 jump).
 */
class ScanPathExamplesTest {
  private static final TokenGrid GRID = TokenGrid.of(3, 4);

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void rowAndColumnMajorAndTheirReverses() {
    assertThat(ScanPath.rowMajor(GRID).order())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(ScanPath.columnMajor(GRID).order())
        .containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
    assertThat(ScanPath.rowMajor(GRID).reversed().order())
        .containsExactly(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    assertThat(ScanPath.columnMajor(GRID).reversed().order())
        .containsExactly(11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0);
    // Row-major wraps from the end of one row to the start of the next: a jump.
    assertThat(ScanPath.rowMajor(GRID).directions())
        .containsExactly(0, 1, 1, 1, 5, 1, 1, 1, 5, 1, 1, 1);
  }

  @Test
  void plainMambaSnakesWithDirections() {
    List<ScanPath> paths = MultiScan.plainMamba(GRID).paths();
    // Row snake from the top-left corner: right along row 0, down, left along row 1, down, right.
    assertThat(paths.get(0).order()).containsExactly(0, 1, 2, 3, 7, 6, 5, 4, 8, 9, 10, 11);
    assertThat(paths.get(0).directions()).containsExactly(0, 1, 1, 1, 4, 2, 2, 2, 4, 1, 1, 1);
    // Its reverse starts at the bottom-right corner (3 rows, odd) going left, then up.
    assertThat(paths.get(1).order()).containsExactly(11, 10, 9, 8, 4, 5, 6, 7, 3, 2, 1, 0);
    assertThat(paths.get(1).directions()).containsExactly(0, 2, 2, 2, 3, 1, 1, 1, 3, 2, 2, 2);
    // Column snake from the top-left corner: down column 0, right, up column 1, ...
    assertThat(paths.get(2).order()).containsExactly(0, 4, 8, 9, 5, 1, 2, 6, 10, 11, 7, 3);
    assertThat(paths.get(2).directions()).containsExactly(0, 4, 4, 1, 3, 3, 1, 4, 4, 1, 3, 3);
    // Its reverse starts at the top-right corner (4 columns, even) going down.
    assertThat(paths.get(3).order()).containsExactly(3, 7, 11, 10, 6, 2, 1, 5, 9, 8, 4, 0);
    assertThat(paths.get(3).directions()).containsExactly(0, 4, 4, 2, 3, 3, 2, 4, 4, 2, 3, 3);
    // The reverses are the snakes from those corners.
    assertThat(ScanPath.snake(GRID, Corner.BOTTOM_RIGHT, false).order())
        .containsExactly(paths.get(1).order());
    assertThat(ScanPath.snake(GRID, Corner.TOP_RIGHT, true).order())
        .containsExactly(paths.get(3).order());
  }

  @Test
  void atrousVisitsTheFourSubGridsAsEfficientVMambaDoes() {
    ScanPath atrous = ScanPath.atrous(GRID, 2);
    // (even row, even col) row-major: 0 2 8 10; (odd, even) column-major: 4 6;
    // (even, odd) row-major: 1 3 9 11; (odd, odd) column-major: 5 7.
    assertThat(atrous.order()).containsExactly(0, 2, 8, 10, 4, 6, 1, 3, 9, 11, 5, 7);
    assertThat(atrous.segmentStarts()).containsExactly(0, 4, 6, 10);
    assertThat(atrous.directions()).containsExactly(0, 5, 5, 5, 0, 5, 0, 5, 5, 5, 0, 5);
    // Reversed: segments [0,4) [4,6) [6,10) [10,12) become [8,12) [6,8) [2,6) [0,2).
    assertThat(atrous.reversed().segmentStarts()).containsExactly(0, 2, 6, 8);
  }

  @Test
  void vimPutsTheClassTokenInTheMiddle() {
    // 12 patch tokens, class token at 12 / 2 = 6: layout = cells 0..5, class, cells 6..11.
    TokenGrid grid = GRID.withMiddleClassToken();
    assertThat(grid.classIndex()).isEqualTo(6);
    assertThat(grid.length()).isEqualTo(13);
    assertThat(grid.tokenOfCell(5)).isEqualTo(5);
    assertThat(grid.tokenOfCell(6)).isEqualTo(7);
    assertThat(grid.cellOfToken(6)).isEqualTo(-1);
    MultiScan vim = MultiScan.vim(grid);
    assertThat(vim.paths().get(0).order())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(vim.paths().get(1).order())
        .containsExactly(12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    // Steps into and out of the class token are jumps, as is each row wrap.
    assertThat(vim.paths().get(0).directions())
        .containsExactly(0, 1, 1, 1, 5, 1, 5, 5, 1, 5, 1, 1, 1);
    // A column-major path over the same grid visits the class token at step 6 too.
    assertThat(ScanPath.columnMajor(grid).order())
        .containsExactly(0, 4, 9, 1, 5, 10, 6, 2, 7, 11, 3, 8, 12);
  }

  @Test
  void crossScanWithCumulativeSumsMatchesHandOrders() {
    // Per-path function: running sum along the path. Token t of path k then holds the sum of the
    // inputs visited up to t along k; summing the four in layout order gives the expected value.
    int[][] orders = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
      {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11},
      {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
      {11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0}
    };
    float[] x = new float[12];
    for (int i = 0; i < 12; i++) {
      x[i] = (float) Math.pow(2, i % 7) + i; // distinct, small, exact in float
    }
    float[] expected = new float[12];
    for (int[] order : orders) {
      float running = 0;
      for (int cell : order) {
        running += x[cell];
        expected[cell] += running;
      }
    }
    NDArray tokens = manager.create(x, new Shape(1, 12, 1));
    NDArray y = MultiScan.crossScan(GRID).apply(tokens, view -> view.tokens().cumSum(1));
    assertThat(y.getShape()).isEqualTo(new Shape(1, 12, 1));
    assertThat(y.toFloatArray()).containsExactly(expected);
  }

  @Test
  void vimAveragesTheForwardAndBackwardBranches() {
    // 13 tokens in layout order (class token at 6). With a running sum as the per-path function,
    // the forward branch holds prefix sums, the backward one (flipped back) suffix sums, and Vim
    // merges (y_fwd + flip(y_bwd)) / 2: token t gets (x_0 + ... + x_t + x_t + ... + x_12) / 2.
    float[] x = {1, 2, 3, 4, 5, 6, 100, 7, 8, 9, 10, 11, 12};
    float total = 0;
    for (float v : x) {
      total += v;
    }
    float[] expected = new float[13];
    float prefix = 0;
    for (int t = 0; t < 13; t++) {
      prefix += x[t];
      float suffix = total - prefix + x[t];
      expected[t] = (prefix + suffix) / 2;
    }
    NDArray tokens = manager.create(x, new Shape(1, 13, 1));
    MultiScan vim = MultiScan.vim(GRID.withMiddleClassToken());
    assertThat(vim.mergeRule()).isEqualTo(MergeRule.MEAN);
    assertThat(vim.apply(tokens, view -> view.tokens().cumSum(1)).toFloatArray())
        .containsExactly(expected);
  }

  @Test
  void groupMambaScansEachChannelGroupAlongItsOwnPath() {
    // D = 4: channel g holds the same values x; group g (one channel) runs along path g, so
    // channel g of the output is the running sum along orders[g] alone.
    int[][] orders = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
      {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11},
      {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
      {11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0}
    };
    float[] x = new float[12 * 4];
    for (int i = 0; i < 12; i++) {
      for (int g = 0; g < 4; g++) {
        x[i * 4 + g] = i + 1;
      }
    }
    float[] expected = new float[12 * 4];
    for (int g = 0; g < 4; g++) {
      float running = 0;
      for (int cell : orders[g]) {
        running += cell + 1;
        expected[cell * 4 + g] = running;
      }
    }
    NDArray tokens = manager.create(x, new Shape(1, 12, 4));
    MultiScan group = MultiScan.groupMamba(GRID);
    NDArray y = group.apply(tokens, view -> view.tokens().cumSum(1));
    assertThat(y.toFloatArray()).containsExactly(expected);
    assertThatThrownBy(() -> group.apply(manager.ones(new Shape(1, 12, 6)), v -> v.tokens()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("divisible by 4");
  }

  @Test
  void keptMaskArrivesInPathOrder() {
    // Cells 1 and 8 pruned. Along the column-major path (0 4 8 1 ...) they sit at steps 2 and 3.
    float[] kept = {1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1};
    NDArray mask = manager.create(kept, new Shape(1, 12));
    NDArray tokens = manager.zeros(new Shape(1, 12, 2));
    MultiScan cross = MultiScan.crossScan(GRID);
    float[][] seen = new float[4][];
    cross.apply(
        tokens,
        mask,
        view -> {
          seen[view.index()] = view.keptMask().orElseThrow().toFloatArray();
          return view.tokens();
        });
    assertThat(seen[1]).containsExactly(1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
    boolean[] keptBool = new boolean[12];
    for (int i = 0; i < 12; i++) {
      keptBool[i] = kept[i] > 0;
    }
    boolean[] column = cross.scanMask(keptBool).get(1);
    assertThat(column[2]).isFalse();
    assertThat(column[3]).isFalse();
  }

  @Test
  void cellMaskBecomesALayoutMaskThatKeepsTheClassToken() {
    // Cells 0 and 11 pruned on the Vim layout (class token at 6): tokens 0 and 12 are dropped.
    boolean[] cells = new boolean[12];
    java.util.Arrays.fill(cells, true);
    cells[0] = false;
    cells[11] = false;
    boolean[] kept = GRID.withMiddleClassToken().layoutMask(cells);
    assertThat(kept)
        .containsExactly(
            false, true, true, true, true, true, true, true, true, true, true, true, false);
    // Along the backward path the first and last steps are the pruned ones.
    boolean[] backward = MultiScan.vim(GRID.withMiddleClassToken()).scanMask(kept).get(1);
    assertThat(backward[0]).isFalse();
    assertThat(backward[12]).isFalse();
    assertThat(backward[6]).isTrue();
  }

  @Test
  void scanIsDifferentiable() {
    // y = Σ w ⊙ scan(x) ⇒ dy/dx = unscan(w): the weight of step s lands on token order[s].
    ScanPath path = ScanPath.columnMajor(GRID);
    NDArray x = manager.zeros(new Shape(1, 12, 1));
    x.setRequiresGradient(true);
    float[] w = new float[12];
    for (int s = 0; s < 12; s++) {
      w[s] = s + 1;
    }
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y = path.scan(x).mul(manager.create(w, new Shape(1, 12, 1))).sum();
      collector.backward(y);
    }
    float[] expected = new float[12];
    int[] order = {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11};
    for (int s = 0; s < 12; s++) {
      expected[order[s]] = w[s];
    }
    assertThat(x.getGradient().toFloatArray()).containsExactly(expected);
  }

  @Test
  void badInputsAreNamed() {
    assertThatThrownBy(() -> ScanPath.of("bad", GRID, 0, 1, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11))
        .hasMessageContaining("token 1 is visited twice");
    assertThatThrownBy(() -> ScanPath.of("short", GRID, 0, 1))
        .hasMessageContaining("must visit all 12 tokens");
    assertThatThrownBy(() -> ScanPath.rowMajor(GRID).scan(manager.ones(new Shape(1, 11, 2))))
        .hasMessageContaining("expected (B, 12, ...) tokens");
    assertThatThrownBy(() -> ScanPath.atrous(GRID.withClassToken(0), 2))
        .hasMessageContaining("no class token");
    assertThatThrownBy(() -> TokenGrid.of(0, 3)).hasMessageContaining("at least one row");
    NDList wrong = new NDList(manager.ones(new Shape(1, 12, 1)));
    assertThatThrownBy(() -> MultiScan.crossScan(GRID).merge(wrong))
        .hasMessageContaining("one array per path (4)");
  }
}
