package io.mambastream.backbones.checkpoint;

import java.util.Comparator;

/**
 * Orders dotted parameter names with numeric parts compared as numbers: layers.2 before layers.10.
 */
final class NaturalOrder implements Comparator<String> {
  static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    String[] left = a.split("\\.", -1);
    String[] right = b.split("\\.", -1);
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      int order = comparePart(left[i], right[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  private static int comparePart(String a, String b) {
    boolean numbers = isNumber(a) && isNumber(b);
    if (numbers && a.length() != b.length()) {
      return Integer.compare(
          a.length(), b.length()); // no leading zeros in indices: shorter is smaller
    }
    return a.compareTo(b);
  }

  private static boolean isNumber(String part) {
    return !part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
