package io.mambastream.backbones.mixer2d;

import io.mambastream.backbones.scan.MergeRule;
import io.mambastream.backbones.scan.MultiScan;
import io.mambastream.backbones.scan.ScanPath;
import io.mambastream.backbones.scan.TokenGrid;
import java.util.List;
import java.util.function.Function;

/**
 * The published multi-scan layouts a {@link MultiScanMixer} can run, each a {@link MultiScan}
 * factory over a token grid (the grid changes with the image size, the layout does not).
 */
public enum ScanLayout {
  /** VMamba SS2D: row-major, column-major and their reverses, summed. */
  CROSS(MultiScan::crossScan),
  /** PlainMamba: four continuous zig-zag paths, summed. */
  ZIGZAG(MultiScan::plainMamba),
  /** EfficientVMamba: one atrous (stride 2) path whose four sub-grids are separate sequences. */
  ATROUS(MultiScan::efficientVMamba),
  /** GroupMamba: four channel groups, group g scanned along cross-scan path g, concatenated. */
  GROUPS(MultiScan::groupMamba),
  /**
   * One row-major (raster) path: a unidirectional Mamba over the grid, the single-path reference
   * the multi-path layouts are checked against.
   */
  ROW_MAJOR(grid -> MultiScan.of(MergeRule.SUM, List.of(ScanPath.rowMajor(grid))));

  private final Function<TokenGrid, MultiScan> factory;

  ScanLayout(Function<TokenGrid, MultiScan> factory) {
    this.factory = factory;
  }

  /** Returns the multi-scan of this layout over {@code grid}. */
  public MultiScan over(TokenGrid grid) {
    return factory.apply(grid);
  }

  /** Returns the number of paths K (the same on every grid). */
  public int pathCount() {
    return over(TokenGrid.of(2, 2)).paths().size();
  }
}
