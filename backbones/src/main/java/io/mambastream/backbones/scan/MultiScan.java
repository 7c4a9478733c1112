package io.mambastream.backbones.scan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.AutogradSafe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A list of scan paths over one {@link TokenGrid} plus a {@link MergeRule}: how a 2-D Mamba mixer
 * turns an image's tokens into sequences and its outputs back into one token tensor.
 *
 * <table>
 *   <caption>Shapes (B batch, L tokens, D channels, K paths, G = K channel groups)</caption>
 *   <tr><th>operation</th><th>input</th><th>output</th></tr>
 *   <tr><td>{@link #scan}</td><td>(B, L, D) layout order</td><td>K × (B, L, D) path order; K × (B,
 *       L, D/G) for channel groups</td></tr>
 *   <tr><td>{@link #unscan}</td><td>K × (B, L, D') path order</td><td>K × (B, L, D') layout
 *       order</td></tr>
 *   <tr><td>{@link #merge}</td><td>K × (B, L, D') layout order</td><td>(B, L, D'); (B, L, K·D')
 *       for channel groups</td></tr>
 * </table>
 *
 * <p>The factories are the published multi-scans: {@link #vim}, {@link #crossScan} (VMamba SS2D),
 * {@link #plainMamba}, {@link #efficientVMamba}, {@link #groupMamba}.
 */
public final class MultiScan {

  private final List<ScanPath> paths;
  private final MergeRule mergeRule;

  private MultiScan(List<ScanPath> paths, MergeRule mergeRule) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a multi-scan needs at least one path");
    }
    TokenGrid grid = paths.get(0).grid();
    for (ScanPath path : paths) {
      if (!path.grid().equals(grid)) {
        throw new IllegalArgumentException(
            "all paths must cover the same grid: " + grid + " and " + path.grid());
      }
    }
    this.paths = List.copyOf(paths);
    this.mergeRule = mergeRule;
  }

  /** Returns the multi-scan of {@code paths} merged by {@code rule}. */
  public static MultiScan of(MergeRule rule, List<ScanPath> paths) {
    return new MultiScan(paths, rule);
  }

  /**
   * Returns Vim's bidirectional scan: forward over the layout (class token where the grid puts it,
   * M/2 for released Vim) and backward, averaged: {@code (y_fwd + flip(y_bwd)) / 2}.
   */
  public static MultiScan vim(TokenGrid grid) {
    ScanPath forward = ScanPath.rowMajor(grid);
    return new MultiScan(List.of(forward, forward.reversed()), MergeRule.MEAN);
  }

  /**
   * Returns VMamba's SS2D cross-scan, in its order: row-major, column-major, row-major reversed,
   * column-major reversed; outputs summed.
   */
  public static MultiScan crossScan(TokenGrid grid) {
    return new MultiScan(crossPaths(grid), MergeRule.SUM);
  }

  /**
   * Returns PlainMamba's four zig-zag paths as its official code builds them: a row snake from the
   * top-left corner, the same walked backwards, a column snake from the top-left corner, the same
   * walked backwards; outputs summed. The reversed snakes start at the corner where the forward
   * ones end (bottom-right or bottom-left; bottom-right or top-right).
   */
  public static MultiScan plainMamba(TokenGrid grid) {
    ScanPath rows = ScanPath.snake(grid, Corner.TOP_LEFT, false);
    ScanPath columns = ScanPath.snake(grid, Corner.TOP_LEFT, true);
    return new MultiScan(
        List.of(rows, rows.reversed(), columns, columns.reversed()), MergeRule.SUM);
  }

  /**
   * Returns EfficientVMamba's efficient 2-D scan: one {@link ScanPath#atrous atrous} path with
   * stride 2, whose four segments (one per sub-grid) are scanned as separate sequences.
   */
  public static MultiScan efficientVMamba(TokenGrid grid) {
    return new MultiScan(List.of(ScanPath.atrous(grid, 2)), MergeRule.SUM);
  }

  /**
   * Returns GroupMamba's grouped scan: the channels split into four groups, group g scanned along
   * cross-scan path g (row-major, column-major and their reverses), outputs concatenated.
   */
  public static MultiScan groupMamba(TokenGrid grid) {
    return new MultiScan(crossPaths(grid), MergeRule.CHANNEL_GROUPS);
  }

  /** Returns the paths, in order. */
  public List<ScanPath> paths() {
    return paths;
  }

  /** Returns the merge rule. */
  public MergeRule mergeRule() {
    return mergeRule;
  }

  /** Returns the grid all paths cover. */
  public TokenGrid grid() {
    return paths.get(0).grid();
  }

  /**
   * Reorders (B, L, D) layout-order tokens into each path's order (per group for channel groups).
   */
  public NDList scan(NDArray tokens) {
    List<NDArray> inputs = perPathInputs(tokens);
    NDList out = new NDList(paths.size());
    for (int k = 0; k < paths.size(); k++) {
      out.add(paths.get(k).scan(inputs.get(k)));
    }
    return out;
  }

  /** Maps each path's output, (B, L, D'), back to layout order. */
  public NDList unscan(NDList pathOrdered) {
    checkCount(pathOrdered.size());
    NDList out = new NDList(paths.size());
    for (int k = 0; k < paths.size(); k++) {
      out.add(paths.get(k).unscan(pathOrdered.get(k)));
    }
    return out;
  }

  /** Combines the layout-order outputs of all paths by the merge rule. */
  public NDArray merge(NDList layoutOrdered) {
    checkCount(layoutOrdered.size());
    if (mergeRule == MergeRule.CHANNEL_GROUPS) {
      return NDArrays.concat(layoutOrdered, 2);
    }
    NDArray sum = layoutOrdered.get(0);
    for (int k = 1; k < layoutOrdered.size(); k++) {
      sum = sum.add(layoutOrdered.get(k));
    }
    return mergeRule == MergeRule.MEAN
        ? sum.div(AutogradSafe.scalar(sum, layoutOrdered.size()))
        : sum;
  }

  /**
   * Runs {@code perPath} on every path: permutes the (B, L, D) tokens into the path's order, calls
   * the sequence function (a Mamba mixer), maps its (B, L, D') output back to layout order and
   * merges. This is how a backbone's mixer uses a multi-scan.
   */
  public NDArray apply(NDArray tokens, Function<ScanPathView, NDArray> perPath) {
    return run(tokens, null, perPath);
  }

  /**
   * Like {@link #apply(NDArray, Function)} with a kept-mask, (B, L) in layout order, which each
   * path's view receives in that path's order: pruning keeps the original grid.
   */
  public NDArray apply(NDArray tokens, NDArray keptMask, Function<ScanPathView, NDArray> perPath) {
    Shape mask = keptMask.getShape();
    if (mask.dimension() != 2
        || mask.get(0) != tokens.getShape().get(0)
        || mask.get(1) != grid().length()) {
      throw new IllegalArgumentException(
          "kept-mask must be (B, L) = ("
              + tokens.getShape().get(0)
              + ", "
              + grid().length()
              + "), got "
              + mask);
    }
    return run(tokens, keptMask, perPath);
  }

  /** Returns a layout-order kept-mask (length L) in each path's order. */
  public List<boolean[]> scanMask(boolean[] kept) {
    List<boolean[]> out = new ArrayList<>(paths.size());
    for (ScanPath path : paths) {
      out.add(path.scanMask(kept));
    }
    return out;
  }

  private NDArray run(NDArray tokens, NDArray keptMask, Function<ScanPathView, NDArray> perPath) {
    List<NDArray> inputs = perPathInputs(tokens);
    NDList outputs = new NDList(paths.size());
    for (int k = 0; k < paths.size(); k++) {
      ScanPath path = paths.get(k);
      Optional<NDArray> mask = Optional.ofNullable(keptMask).map(path::scan);
      NDArray y = perPath.apply(new ScanPathView(k, path, path.scan(inputs.get(k)), mask));
      outputs.add(path.unscan(y));
    }
    return merge(outputs);
  }

  private List<NDArray> perPathInputs(NDArray tokens) {
    Shape shape = tokens.getShape();
    if (shape.dimension() != 3 || shape.get(1) != grid().length()) {
      throw new IllegalArgumentException(
          "expected (B, " + grid().length() + ", D) tokens, got " + shape);
    }
    int k = paths.size();
    if (mergeRule != MergeRule.CHANNEL_GROUPS) {
      return Collections.nCopies(k, tokens);
    }
    if (shape.get(2) % k != 0) {
      throw new IllegalArgumentException(
          "channel groups need D divisible by " + k + " paths, got D = " + shape.get(2));
    }
    return tokens.split(k, 2);
  }

  private void checkCount(int count) {
    if (count != paths.size()) {
      throw new IllegalArgumentException(
          "expected one array per path (" + paths.size() + "), got " + count);
    }
  }

  private static List<ScanPath> crossPaths(TokenGrid grid) {
    ScanPath rows = ScanPath.rowMajor(grid);
    ScanPath columns = ScanPath.columnMajor(grid);
    return List.of(rows, columns, rows.reversed(), columns.reversed());
  }
}
