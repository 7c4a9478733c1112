package io.mambastream.heads.eval.coco;

import java.util.Objects;

/**
 * The id of a COCO image: an integer, or (in some exported datasets) a string.
 *
 * <p>Ids order as pycocotools orders them ({@code np.unique}): integers numerically, strings by
 * code point. A dataset uses one kind; the reader rejects a mixture.
 *
 * @param text the id when it is a string, otherwise {@code null}
 * @param number the id when it is an integer (ignored for strings)
 */
public record ImageId(String text, long number) implements Comparable<ImageId> {

  /** Returns an integer id. */
  public static ImageId of(long number) {
    return new ImageId(null, number);
  }

  /** Returns a string id. */
  public static ImageId of(String text) {
    return new ImageId(Objects.requireNonNull(text, "text"), 0);
  }

  /** Returns whether this id is a string. */
  public boolean isText() {
    return text != null;
  }

  @Override
  public int compareTo(ImageId other) {
    if (isText() != other.isText()) {
      return isText() ? 1 : -1;
    }
    return isText() ? compareCodePoints(text, other.text) : Long.compare(number, other.number);
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  @Override
  public String toString() {
    return isText() ? '"' + text + '"' : Long.toString(number);
  }
}
