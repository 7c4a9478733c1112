package io.mambastream.ingest.scenes;

import io.mambastream.ingest.fashion.FashionSplit;
import java.util.Locale;

/**
 * The train, val and test parts of MovingFashion: each owns a fixed, disjoint range of clip seeds
 * and a fixed, disjoint range of Fashion-MNIST items.
 *
 * <table>
 *   <caption>Seeds and items per split</caption>
 *   <tr><th>split</th><th>clip seeds</th><th>Fashion-MNIST items</th></tr>
 *   <tr><td>train</td><td>[0, 10⁹)</td><td>train set items 0 .. 53,999</td></tr>
 *   <tr><td>val</td><td>[10⁹, 2·10⁹)</td><td>train set items 54,000 .. 59,999</td></tr>
 *   <tr><td>test</td><td>[2·10⁹, 3·10⁹)</td><td>test set items 0 .. 9,999</td></tr>
 * </table>
 *
 * <p>Clip {@code i} of a split (counting the seed offset) has seed {@code firstSeed + i}.
 */
public enum SceneSplit {
  /** Training clips. */
  TRAIN(0L, FashionSplit.TRAIN, 0, 54_000),
  /** Validation clips. */
  VAL(1_000_000_000L, FashionSplit.TRAIN, 54_000, 60_000),
  /** Test clips. */
  TEST(2_000_000_000L, FashionSplit.TEST, 0, 10_000);

  /** The number of clip seeds each split owns. */
  public static final long SEEDS_PER_SPLIT = 1_000_000_000L;

  private final long firstSeed;
  private final FashionSplit itemSource;
  private final int firstItem;
  private final int endItem;

  SceneSplit(long firstSeed, FashionSplit itemSource, int firstItem, int endItem) {
    this.firstSeed = firstSeed;
    this.itemSource = itemSource;
    this.firstItem = firstItem;
    this.endItem = endItem;
  }

  /** The seed of clip {@code index} (0 ≤ index &lt; {@link #SEEDS_PER_SPLIT}). */
  public long seed(long index) {
    if (index < 0 || index >= SEEDS_PER_SPLIT) {
      throw new IllegalArgumentException(
          "clip index " + index + " of split " + this + " outside [0, " + SEEDS_PER_SPLIT + ")");
    }
    return firstSeed + index;
  }

  /** The first clip seed of this split. */
  public long firstSeed() {
    return firstSeed;
  }

  /** The seed after the last one of this split. */
  public long endSeed() {
    return firstSeed + SEEDS_PER_SPLIT;
  }

  /** The Fashion-MNIST split whose items appear in this split's clips. */
  public FashionSplit itemSource() {
    return itemSource;
  }

  /** The first Fashion-MNIST item index used. */
  public int firstItem() {
    return firstItem;
  }

  /** The Fashion-MNIST item index after the last one used. */
  public int endItem() {
    return endItem;
  }

  /** The split named {@code name} (train, val or test, any case). */
  public static SceneSplit parse(String name) {
    for (SceneSplit split : values()) {
      if (split.name().equalsIgnoreCase(name)) {
        return split;
      }
    }
    throw new IllegalArgumentException("unknown split '" + name + "' (use train, val or test)");
  }

  /** The lower-case name used in files and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
