package io.mambastream.backbones.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of every path factory on random grid sizes, with and without a class token. Each
 * property re-derives what it checks from the grid geometry, not from the path's own bookkeeping.
 */
class ScanPathProperties {

  /** Every factory's paths, and their reverses, on {@code grid}. */
  private static List<ScanPath> allPaths(TokenGrid grid) {
    List<ScanPath> paths = new ArrayList<>();
    paths.add(ScanPath.rowMajor(grid));
    paths.add(ScanPath.columnMajor(grid));
    for (Corner corner : Corner.values()) {
      paths.add(ScanPath.snake(grid, corner, false));
      paths.add(ScanPath.snake(grid, corner, true));
    }
    if (!grid.hasClassToken()) {
      for (int stride = 1; stride <= 3; stride++) {
        paths.add(ScanPath.atrous(grid, stride));
      }
    }
    List<ScanPath> withReverses = new ArrayList<>(paths);
    paths.forEach(path -> withReverses.add(path.reversed()));
    return withReverses;
  }

  private static TokenGrid grid(int h, int w, int classChoice) {
    TokenGrid grid = TokenGrid.of(h, w);
    // classChoice: 0 none, 1 first, 2 middle (Vim), 3 last.
    return switch (classChoice) {
      case 1 -> grid.withClassToken(0);
      case 2 -> grid.withMiddleClassToken();
      case 3 -> grid.withClassToken(h * w);
      default -> grid;
    };
  }

  @Property(tries = 100, seed = "20261127")
  void everyPathIsAPermutationOfTheLayout(
      @ForAll @IntRange(min = 1, max = 9) int h,
      @ForAll @IntRange(min = 1, max = 9) int w,
      @ForAll @IntRange(min = 0, max = 3) int classChoice) {
    TokenGrid grid = grid(h, w, classChoice);
    int[] all = new int[grid.length()];
    Arrays.setAll(all, i -> i);
    for (ScanPath path : allPaths(grid)) {
      int[] sorted = path.order();
      Arrays.sort(sorted);
      assertThat(sorted).as(path.name()).containsExactly(all);
      assertThat(path.reversed().reversed().order()).containsExactly(path.order());
    }
  }

  @Property(tries = 100, seed = "20261127")
  void unscanInvertsScanOnIndexForm(
      @ForAll @IntRange(min = 1, max = 7) int h,
      @ForAll @IntRange(min = 1, max = 7) int w,
      @ForAll @IntRange(min = 0, max = 3) int classChoice,
      @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 4) int rowLength) {
    TokenGrid grid = grid(h, w, classChoice);
    int n = batch * grid.length() * rowLength;
    float[] src = new float[n];
    for (int i = 0; i < n; i++) {
      src[i] = i;
    }
    for (ScanPath path : allPaths(grid)) {
      float[] scanned = new float[n];
      float[] back = new float[n];
      path.scanRows(src, scanned, batch, rowLength);
      path.unscanRows(scanned, back, batch, rowLength);
      assertThat(back).as(path.name()).containsExactly(src);
      // Row s of the scanned block is row order[s] of the source.
      int[] order = path.order();
      int last = grid.length() - 1;
      assertThat(scanned[last * rowLength]).isEqualTo(src[order[last] * rowLength]);
      // The same data read as batch·rowLength sequences of L (the (B, D, L) layout).
      int sequences = batch * rowLength;
      float[] runs = new float[sequences * grid.length()];
      for (int i = 0; i < runs.length; i++) {
        runs[i] = i;
      }
      float[] runsScanned = new float[runs.length];
      float[] runsBack = new float[runs.length];
      path.scanSequences(runs, runsScanned, sequences);
      path.unscanSequences(runsScanned, runsBack, sequences);
      assertThat(runsBack).containsExactly(runs);
      float[] expectedRuns = new float[runs.length];
      for (int r = 0; r < sequences; r++) {
        for (int s = 0; s < grid.length(); s++) {
          expectedRuns[r * grid.length() + s] = runs[r * grid.length() + order[s]];
        }
      }
      assertThat(runsScanned).containsExactly(expectedRuns);
    }
  }

  @Property(tries = 25, seed = "20261127")
  void unscanInvertsScanOnNdArrays(
      @ForAll @IntRange(min = 1, max = 6) int h,
      @ForAll @IntRange(min = 1, max = 6) int w,
      @ForAll @IntRange(min = 0, max = 3) int classChoice) {
    TokenGrid grid = grid(h, w, classChoice);
    int length = grid.length();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray tokens = manager.arange(2f * length * 3).reshape(2, length, 3);
      float[] x = tokens.toFloatArray();
      for (ScanPath path : allPaths(grid)) {
        NDArray scanned = path.scan(tokens);
        int[] order = path.order();
        float[] expected = new float[x.length];
        for (int b = 0; b < 2; b++) {
          for (int step = 0; step < length; step++) {
            for (int d = 0; d < 3; d++) {
              expected[(b * length + step) * 3 + d] = x[(b * length + order[step]) * 3 + d];
            }
          }
        }
        assertThat(scanned.toFloatArray()).as(path.name()).containsExactly(expected);
        assertThat(path.unscan(scanned).toFloatArray()).containsExactly(x);
      }
    }
  }

  @Property(tries = 200, seed = "20261127")
  void snakesAreContinuousAndStartAtTheirCorner(
      @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w) {
    TokenGrid grid = TokenGrid.of(h, w);
    for (Corner corner : Corner.values()) {
      for (boolean byColumns : new boolean[] {false, true}) {
        int[] cells = ScanPath.snake(grid, corner, byColumns).order();
        assertThat(cells[0]).isEqualTo(corner.row(h) * w + corner.col(w));
        for (int s = 1; s < cells.length; s++) {
          int dr = Math.abs(cells[s] / w - cells[s - 1] / w);
          int dc = Math.abs(cells[s] % w - cells[s - 1] % w);
          if (dr + dc != 1) {
            throw new AssertionError("step " + s + " of " + corner + " " + byColumns + " jumps");
          }
        }
      }
    }
  }

  @Property(tries = 100, seed = "20261127")
  void directionIdsMatchTheSteps(
      @ForAll @IntRange(min = 1, max = 8) int h,
      @ForAll @IntRange(min = 1, max = 8) int w,
      @ForAll @IntRange(min = 0, max = 3) int classChoice) {
    TokenGrid grid = grid(h, w, classChoice);
    for (ScanPath path : allPaths(grid)) {
      int[] order = path.order();
      int[] directions = path.directions();
      List<Integer> starts = Arrays.stream(path.segmentStarts()).boxed().toList();
      int[] expectedIds = new int[order.length];
      for (int s = 0; s < order.length; s++) {
        int expected;
        if (starts.contains(s)) {
          expected = 0;
        } else if (order[s] == grid.classIndex() || order[s - 1] == grid.classIndex()) {
          expected = 5;
        } else {
          int a = grid.cellOfToken(order[s - 1]);
          int b = grid.cellOfToken(order[s]);
          int dr = b / w - a / w;
          int dc = b % w - a % w;
          // PlainMamba's ids: right 1, left 2, up 3, down 4; anything else a jump (5).
          expected =
              dr == 0 && dc == 1
                  ? 1
                  : dr == 0 && dc == -1 ? 2 : dr == -1 && dc == 0 ? 3 : dr == 1 && dc == 0 ? 4 : 5;
        }
        expectedIds[s] = expected;
      }
      assertThat(directions).as(path.toString()).containsExactly(expectedIds);
    }
  }

  @Property(tries = 200, seed = "20261127")
  void atrousPathsVisitEachSubGridContiguously(
      @ForAll @IntRange(min = 1, max = 9) int h,
      @ForAll @IntRange(min = 1, max = 9) int w,
      @ForAll @IntRange(min = 1, max = 4) int stride) {
    ScanPath path = ScanPath.atrous(TokenGrid.of(h, w), stride);
    int[] order = path.order();
    int[] starts = path.segmentStarts();
    boolean[] seenSubGrid = new boolean[stride * stride];
    for (int k = 0; k < starts.length; k++) {
      int end = k + 1 < starts.length ? starts[k + 1] : order.length;
      int subGrid = (order[starts[k]] / w % stride) * stride + order[starts[k]] % w % stride;
      assertThat(seenSubGrid[subGrid]).as("sub-grid %d visited twice", subGrid).isFalse();
      seenSubGrid[subGrid] = true;
      int i = subGrid / stride;
      int j = subGrid % stride;
      int size = ((h - i + stride - 1) / stride) * ((w - j + stride - 1) / stride);
      assertThat(end - starts[k]).isEqualTo(size);
      for (int s = starts[k]; s < end; s++) {
        if (order[s] / w % stride != i || order[s] % w % stride != j) {
          throw new AssertionError("step " + s + " leaves sub-grid (" + i + ", " + j + ")");
        }
      }
    }
  }

  @Property(tries = 25, seed = "20261127")
  void crossScanOfIdentityIsFourTimesTheInputOrTheInput(
      @ForAll @IntRange(min = 1, max = 6) int h,
      @ForAll @IntRange(min = 1, max = 6) int w,
      @ForAll @IntRange(min = 0, max = 3) int classChoice) {
    TokenGrid grid = grid(h, w, classChoice);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = gaussian(manager, new Random(h * 31L + w), new Shape(2, grid.length(), 3));
      MultiScan sum = MultiScan.crossScan(grid);
      MultiScan mean = MultiScan.of(MergeRule.MEAN, sum.paths());
      float[] expected = x.toFloatArray();
      float[] summed = sum.apply(x, ScanPathView::tokens).toFloatArray();
      float[] averaged = mean.apply(x, ScanPathView::tokens).toFloatArray();
      for (int i = 0; i < expected.length; i++) {
        // x + x + x + x may round once (3x needs two more mantissa bits than x).
        assertThat(summed[i]).isCloseTo(4 * expected[i], within(1e-6f * Math.abs(expected[i])));
        assertThat(averaged[i]).isCloseTo(expected[i], within(1e-6f * Math.abs(expected[i])));
      }
      MultiScan groups = MultiScan.groupMamba(grid);
      NDArray x4 = gaussian(manager, new Random(h * 17L + w), new Shape(1, grid.length(), 8));
      assertThat(groups.apply(x4, ScanPathView::tokens).toFloatArray())
          .containsExactly(x4.toFloatArray());
    }
  }

  @Property(tries = 100, seed = "20261127")
  void keptMaskRoundTrips(
      @ForAll @IntRange(min = 1, max = 8) int h,
      @ForAll @IntRange(min = 1, max = 8) int w,
      @ForAll @IntRange(min = 0, max = 3) int classChoice,
      @ForAll long seed) {
    TokenGrid grid = grid(h, w, classChoice);
    Random random = new Random(seed);
    boolean[] kept = new boolean[grid.length()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = random.nextBoolean();
    }
    for (ScanPath path : allPaths(grid)) {
      boolean[] scanned = path.scanMask(kept);
      int[] order = path.order();
      boolean[] expected = new boolean[kept.length];
      for (int s = 0; s < kept.length; s++) {
        expected[s] = kept[order[s]];
      }
      assertThat(scanned).containsExactly(expected);
      assertThat(path.unscanMask(scanned)).containsExactly(kept);
    }
  }

  private static NDArray gaussian(NDManager manager, Random random, Shape shape) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, shape);
  }
}
