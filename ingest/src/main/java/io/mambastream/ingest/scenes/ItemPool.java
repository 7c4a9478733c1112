package io.mambastream.ingest.scenes;

import io.mambastream.ingest.fashion.FashionMnist;
import java.io.IOException;
import java.util.Locale;

/**
 * The Fashion-MNIST items a generator may place: items {@code from} (inclusive) to {@code to}
 * (exclusive) of {@code items}.
 *
 * @param items the loaded images and labels
 * @param from first usable item
 * @param to the item after the last usable one
 * @param description where the items come from, for summaries and logs
 */
public record ItemPool(FashionMnist items, int from, int to, String description) {

  /** Checks the range. */
  public ItemPool {
    if (from < 0 || to > items.size() || from >= to) {
      throw new IllegalArgumentException(
          "item range " + from + ".." + to + " of " + items.size() + " items");
    }
  }

  /** The items of {@code split} from the installed Debian package {@code dataset-fashion-mnist}. */
  public static ItemPool forSplit(SceneSplit split) throws IOException {
    return forSplit(split, FashionMnist.load(split.itemSource()));
  }

  /** The items of {@code split} taken from an already loaded Fashion-MNIST split. */
  public static ItemPool forSplit(SceneSplit split, FashionMnist source) {
    return new ItemPool(
        source,
        split.firstItem(),
        split.endItem(),
        "Fashion-MNIST "
            + split.itemSource().name().toLowerCase(Locale.ROOT)
            + " items "
            + split.firstItem()
            + ".."
            + (split.endItem() - 1));
  }

  /** The 100 bundled test-set items: for demos and tests without the package, not for training. */
  public static ItemPool bundledSample() {
    FashionMnist sample = FashionMnist.bundledSample();
    return new ItemPool(sample, 0, sample.size(), "bundled Fashion-MNIST sample (100 test items)");
  }

  /** The number of usable items. */
  public int size() {
    return to - from;
  }
}
