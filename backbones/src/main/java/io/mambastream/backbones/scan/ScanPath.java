package io.mambastream.backbones.scan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.AutogradSafe;
import java.util.Arrays;

/**
 * One scan path: the order in which a mixer visits the tokens of a {@link TokenGrid}, as data.
 *
 * <p>{@code order()[s]} is the layout index of the token visited at step s; it is a permutation of
 * [0, L), class token included. {@code directions()[s]} is the {@link Direction} id of the step
 * into step s, derived from the cells (PlainMamba's direction-aware updating reads it). {@code
 * segmentStarts()} lists the steps where an independent sequence begins (always step 0; the atrous
 * path has one per sub-grid): a mixer that honours segments starts each one from a zero state, as
 * EfficientVMamba scans its sub-grids as separate sequences.
 *
 * <table>
 *   <caption>Shapes (B batch, L tokens, D channels)</caption>
 *   <tr><th>operation</th><th>input</th><th>output</th></tr>
 *   <tr><td>{@link #scan}</td><td>(B, L, ...) in layout order</td><td>(B, L, ...) in path
 *       order</td></tr>
 *   <tr><td>{@link #unscan}</td><td>(B, L, ...) in path order</td><td>(B, L, ...) in layout
 *       order</td></tr>
 * </table>
 *
 * <p>Paper paths are factories, not classes: {@link #rowMajor}, {@link #columnMajor}, {@link
 * #snake}, {@link #atrous}, and {@link #reversed()} of any of them.
 */
public final class ScanPath {

  private final String name;
  private final TokenGrid grid;
  private final int[] order;
  private final int[] inverse;
  private final long[] orderIndex; // order and inverse as the int64 indices a gather takes
  private final long[] inverseIndex;
  private final int[] directions;
  private final int[] segmentStarts;

  private ScanPath(String name, TokenGrid grid, int[] order, int[] segmentStarts) {
    this.name = name;
    this.grid = grid;
    this.order = order;
    this.inverse = invert(grid.length(), order);
    this.orderIndex = Arrays.stream(order).asLongStream().toArray();
    this.inverseIndex = Arrays.stream(inverse).asLongStream().toArray();
    this.segmentStarts = checkSegments(grid.length(), segmentStarts);
    this.directions = new int[order.length];
    int segment = 0;
    for (int s = 0; s < order.length; s++) {
      boolean starts = segment < this.segmentStarts.length && this.segmentStarts[segment] == s;
      if (starts) {
        segment++;
      }
      directions[s] =
          (starts ? Direction.START : Direction.between(grid, order[s - 1], order[s])).id();
    }
  }

  /**
   * Returns the path that visits layout tokens in {@code order}, one sequence.
   *
   * @throws IllegalArgumentException unless {@code order} is a permutation of [0, L)
   */
  public static ScanPath of(String name, TokenGrid grid, int... order) {
    return new ScanPath(name, grid, order.clone(), new int[] {0});
  }

  /**
   * Returns the path that visits grid cells (row-major ids) in {@code cells}, with the class token,
   * if the grid has one, visited at step {@link TokenGrid#classIndex()}.
   *
   * @throws IllegalArgumentException unless {@code cells} is a permutation of [0, H·W)
   */
  public static ScanPath ofCells(String name, TokenGrid grid, int... cells) {
    return new ScanPath(name, grid, tokensOf(grid, cells), new int[] {0});
  }

  /** Returns the row-major path (left to right, top to bottom); Vim's forward path. */
  public static ScanPath rowMajor(TokenGrid grid) {
    int[] cells = new int[grid.cells()];
    Arrays.setAll(cells, i -> i);
    return ofCells("row-major", grid, cells);
  }

  /** Returns the column-major path (top to bottom, left to right). */
  public static ScanPath columnMajor(TokenGrid grid) {
    int h = grid.height();
    int[] cells = new int[grid.cells()];
    Arrays.setAll(cells, i -> (i % h) * grid.width() + i / h);
    return ofCells("column-major", grid, cells);
  }

  /**
   * Returns a continuous zig-zag ("snake") path from {@code start}: along the first row (or column,
   * with {@code byColumns}) away from the corner, one step inwards, back, and so on. Consecutive
   * cells are always 4-neighbours.
   */
  public static ScanPath snake(TokenGrid grid, Corner start, boolean byColumns) {
    int h = grid.height();
    int w = grid.width();
    int lines = byColumns ? w : h;
    int along = byColumns ? h : w;
    int firstLine = byColumns ? start.col(w) : start.row(h);
    int lineStep = firstLine == 0 ? 1 : -1;
    int firstPos = byColumns ? start.row(h) : start.col(w);
    int[] cells = new int[grid.cells()];
    int s = 0;
    for (int k = 0; k < lines; k++) {
      int line = firstLine + lineStep * k;
      boolean forward = (firstPos == 0) == (k % 2 == 0);
      for (int j = 0; j < along; j++) {
        int pos = forward ? j : along - 1 - j;
        cells[s++] = byColumns ? pos * w + line : line * w + pos;
      }
    }
    String axis = byColumns ? "columns" : "rows";
    return ofCells("snake " + axis + " from " + start.name().toLowerCase(), grid, cells);
  }

  /**
   * Returns EfficientVMamba's atrous path: skip-sampling with {@code stride} splits the grid into
   * stride² sub-grids (cells whose row ≡ i and column ≡ j mod stride), visited one after another,
   * each a segment of its own.
   *
   * <p>Sub-grids are ordered by column offset j, then row offset i; sub-grid k is traversed
   * row-major when k is even and column-major when k is odd. For stride 2 that is exactly the four
   * sequences of EfficientVMamba's {@code EfficientScan}: (even, even) row-major, (odd, even)
   * column-major, (even, odd) row-major, (odd, odd) column-major. Unlike it, odd sizes are not
   * padded: a sub-grid simply holds fewer cells.
   *
   * @throws IllegalArgumentException for a stride below 1 or a grid with a class token
   */
  public static ScanPath atrous(TokenGrid grid, int stride) {
    if (stride < 1) {
      throw new IllegalArgumentException("atrous stride must be at least 1, got " + stride);
    }
    if (grid.hasClassToken()) {
      throw new IllegalArgumentException("atrous paths take no class token");
    }
    int h = grid.height();
    int w = grid.width();
    int[] cells = new int[grid.cells()];
    int[] starts = new int[stride * stride];
    int s = 0;
    int k = 0;
    for (int j = 0; j < stride; j++) {
      for (int i = 0; i < stride; i++, k++) {
        starts[k] = s;
        int rows = (h - i + stride - 1) / stride;
        int cols = (w - j + stride - 1) / stride;
        for (int a = 0; a < rows * cols; a++) {
          int r = k % 2 == 0 ? a / cols : a % rows;
          int c = k % 2 == 0 ? a % cols : a / rows;
          cells[s++] = (i + r * stride) * w + (j + c * stride);
        }
      }
    }
    int[] segments =
        Arrays.stream(starts).filter(start -> start < grid.cells()).distinct().toArray();
    return new ScanPath("atrous stride " + stride, grid, cells, segments);
  }

  /** Returns this path walked backwards (Vim's backward branch, VMamba's flipped paths). */
  public ScanPath reversed() {
    int n = order.length;
    int[] reversed = new int[n];
    for (int s = 0; s < n; s++) {
      reversed[s] = order[n - 1 - s];
    }
    // Segment [a, b) becomes [n - b, n - a); its new start is n - b.
    int[] starts = new int[segmentStarts.length];
    for (int k = 0; k < starts.length; k++) {
      int end = k + 1 < segmentStarts.length ? segmentStarts[k + 1] : n;
      starts[starts.length - 1 - k] = n - end;
    }
    String reversedName =
        name.endsWith(" reversed") ? name.substring(0, name.length() - 9) : name + " reversed";
    return new ScanPath(reversedName, grid, reversed, starts);
  }

  /** Returns a short human-readable name ("row-major reversed", ...). */
  public String name() {
    return name;
  }

  /** Returns the grid this path covers. */
  public TokenGrid grid() {
    return grid;
  }

  /** Returns the sequence length L. */
  public int length() {
    return order.length;
  }

  /** Returns a copy of the order: layout index of the token visited at each step. */
  public int[] order() {
    return order.clone();
  }

  /** Returns a copy of the inverse order: step at which each layout token is visited. */
  public int[] inverse() {
    return inverse.clone();
  }

  /** Returns a copy of the {@link Direction} id of each step. */
  public int[] directions() {
    return directions.clone();
  }

  /** Returns a copy of the steps where a new independent sequence starts (first is 0). */
  public int[] segmentStarts() {
    return segmentStarts.clone();
  }

  /**
   * Reorders tokens from layout order into this path's order along axis 1 (a differentiable
   * gather). The input is (B, L, ...) and borrowed; the result is attached to its manager.
   */
  public NDArray scan(NDArray tokens) {
    return take(tokens, orderIndex);
  }

  /** Maps path-ordered outputs, (B, L, ...), back to layout order: the inverse of {@link #scan}. */
  public NDArray unscan(NDArray pathOrdered) {
    return take(pathOrdered, inverseIndex);
  }

  /** Returns a kept-mask given in layout order (length L) in this path's order. */
  public boolean[] scanMask(boolean[] kept) {
    checkLength(kept.length);
    boolean[] out = new boolean[kept.length];
    for (int s = 0; s < out.length; s++) {
      out[s] = kept[order[s]];
    }
    return out;
  }

  /** Returns a kept-mask given in this path's order back in layout order. */
  public boolean[] unscanMask(boolean[] pathKept) {
    checkLength(pathKept.length);
    boolean[] out = new boolean[pathKept.length];
    for (int s = 0; s < out.length; s++) {
      out[order[s]] = pathKept[s];
    }
    return out;
  }

  /**
   * The primitive form of {@link #scan} for the fused CPU kernel: {@code src} and {@code dst} hold
   * {@code batch} blocks of L rows of {@code rowLength} floats each ((B, L, D) row-major); row s of
   * each block of {@code dst} receives row {@code order[s]} of {@code src}.
   */
  public void scanRows(float[] src, float[] dst, int batch, int rowLength) {
    permuteRows(src, dst, batch, rowLength, order);
  }

  /** The primitive form of {@link #unscan}; see {@link #scanRows}. */
  public void unscanRows(float[] src, float[] dst, int batch, int rowLength) {
    permuteRows(src, dst, batch, rowLength, inverse);
  }

  /**
   * The primitive form of {@link #scan} for sequences stored last, as the scan kernels hold x and Δ
   * ((B, D, L) row-major): {@code src} and {@code dst} hold {@code sequences} (B·D) runs of L
   * floats; element s of each run of {@code dst} receives element {@code order[s]} of the same run
   * of {@code src}.
   */
  public void scanSequences(float[] src, float[] dst, int sequences) {
    permuteSequences(src, dst, sequences, order);
  }

  /**
   * The primitive form of {@link #unscan} for sequences stored last; see {@link #scanSequences}.
   */
  public void unscanSequences(float[] src, float[] dst, int sequences) {
    permuteSequences(src, dst, sequences, inverse);
  }

  @Override
  public String toString() {
    return name + " over " + grid.height() + "×" + grid.width() + ": " + Arrays.toString(order);
  }

  private void permuteRows(float[] src, float[] dst, int batch, int rowLength, int[] index) {
    int block = order.length * rowLength;
    if (src.length != batch * block || dst.length != batch * block) {
      throw new IllegalArgumentException(
          "expected arrays of "
              + batch
              + "·"
              + order.length
              + "·"
              + rowLength
              + " floats, got "
              + src.length
              + " and "
              + dst.length);
    }
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < index.length; s++) {
        System.arraycopy(
            src, b * block + index[s] * rowLength, dst, b * block + s * rowLength, rowLength);
      }
    }
  }

  private void permuteSequences(float[] src, float[] dst, int sequences, int[] index) {
    int n = order.length;
    if (src.length != sequences * n || dst.length != sequences * n) {
      throw new IllegalArgumentException(
          "expected arrays of "
              + sequences
              + "·"
              + n
              + " floats, got "
              + src.length
              + " and "
              + dst.length);
    }
    for (int r = 0; r < sequences; r++) {
      int base = r * n;
      for (int s = 0; s < n; s++) {
        dst[base + s] = src[base + index[s]];
      }
    }
  }

  private NDArray take(NDArray array, long[] index) {
    if (array.getShape().dimension() < 2 || array.getShape().get(1) != order.length) {
      throw new IllegalArgumentException(
          "expected (B, " + order.length + ", ...) tokens, got " + array.getShape());
    }
    try (NDManager scope = array.getManager().newSubManager()) {
      NDArray idx = AutogradSafe.copyOf(scope, index, new Shape(index.length));
      return array.get(new NDIndex(":, {}", idx));
    }
  }

  private void checkLength(int length) {
    if (length != order.length) {
      throw new IllegalArgumentException(
          "expected a mask of length " + order.length + ", got " + length);
    }
  }

  private static int[] tokensOf(TokenGrid grid, int[] cells) {
    if (cells.length != grid.cells()) {
      throw new IllegalArgumentException(
          "expected " + grid.cells() + " cells, got " + cells.length);
    }
    int[] tokens = new int[grid.length()];
    int s = 0;
    for (int i = 0; i < cells.length; i++) {
      if (s == grid.classIndex()) {
        tokens[s++] = grid.classIndex();
      }
      if (cells[i] < 0 || cells[i] >= grid.cells()) {
        throw new IllegalArgumentException("cell " + cells[i] + " is outside the grid");
      }
      tokens[s++] = grid.tokenOfCell(cells[i]);
    }
    if (s == grid.classIndex()) {
      tokens[s] = grid.classIndex();
    }
    return tokens;
  }

  private static int[] invert(int length, int[] order) {
    if (order.length != length) {
      throw new IllegalArgumentException(
          "a path must visit all " + length + " tokens, got " + order.length + " steps");
    }
    int[] inverse = new int[length];
    Arrays.fill(inverse, -1);
    for (int s = 0; s < length; s++) {
      int token = order[s];
      if (token < 0 || token >= length) {
        throw new IllegalArgumentException("token " + token + " at step " + s + " is out of range");
      }
      if (inverse[token] >= 0) {
        throw new IllegalArgumentException(
            "token " + token + " is visited twice (steps " + inverse[token] + " and " + s + ")");
      }
      inverse[token] = s;
    }
    return inverse;
  }

  private static int[] checkSegments(int length, int[] starts) {
    if (starts.length == 0 || starts[0] != 0) {
      throw new IllegalArgumentException("the first segment must start at step 0");
    }
    for (int k = 1; k < starts.length; k++) {
      if (starts[k] <= starts[k - 1] || starts[k] >= length) {
        throw new IllegalArgumentException(
            "segment starts must increase within [0, " + length + "): " + Arrays.toString(starts));
      }
    }
    return starts.clone();
  }
}
