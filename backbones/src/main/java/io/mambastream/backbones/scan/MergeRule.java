package io.mambastream.backbones.scan;

/** How a {@link MultiScan} combines the outputs of its paths once they are back in layout order. */
public enum MergeRule {
  /** Element-wise sum of the K path outputs (VMamba SS2D, PlainMamba). */
  SUM,
  /** Element-wise mean of the K path outputs (Vim: (y_fwd + flip(y_bwd)) / 2). */
  MEAN,
  /**
   * GroupMamba: the D channels are split into K equal groups, group g is scanned along path g only,
   * and the K outputs are concatenated along the channels again.
   */
  CHANNEL_GROUPS
}
