package io.mambastream.ingest.mask;

import java.util.Arrays;

/**
 * The compressed string form of COCO run lengths, as pycocotools writes it.
 *
 * <p>Each count from index 3 on is first replaced by its difference to the count two places before
 * (runs of the same value), so it may be negative. Each value is then written as signed groups of 5
 * bits, least significant first, one character per group: the group plus 0x20 when more groups
 * follow, plus 48, so every character lies in {@code '0'..'o'}. The last group's bit 0x10 is the
 * sign.
 */
final class RleString {
  private static final int OFFSET = 48;
  private static final int MORE = 0x20;
  private static final int SIGN = 0x10;
  private static final int BITS = 0x1f;

  private RleString() {}

  static String compress(int[] counts) {
    StringBuilder out = new StringBuilder(counts.length * 2);
    for (int i = 0; i < counts.length; i++) {
      long x = counts[i];
      if (i > 2) {
        x -= counts[i - 2];
      }
      boolean more = true;
      while (more) {
        int group = (int) (x & BITS);
        x >>= 5;
        more = (group & SIGN) != 0 ? x != -1 : x != 0;
        if (more) {
          group |= MORE;
        }
        out.append((char) (group + OFFSET));
      }
    }
    return out.toString();
  }

  static int[] decompress(String compressed) {
    int[] counts = new int[compressed.length()];
    int m = 0;
    int p = 0;
    while (p < compressed.length()) {
      long x = 0;
      int k = 0;
      boolean more = true;
      while (more) {
        if (p >= compressed.length()) {
          throw new IllegalArgumentException(
              "compressed RLE ends inside a number: '" + compressed + "'");
        }
        int group = compressed.charAt(p) - OFFSET;
        if (group < 0 || group > (MORE | BITS)) {
          throw new IllegalArgumentException(
              "character '" + compressed.charAt(p) + "' at " + p + " is not compressed RLE");
        }
        if (k > 6) {
          throw new IllegalArgumentException("run length too long at " + p);
        }
        x |= (long) (group & BITS) << (5 * k);
        more = (group & MORE) != 0;
        p++;
        k++;
        if (!more && (group & SIGN) != 0) {
          x |= -1L << (5 * k);
        }
      }
      if (m > 2) {
        x += counts[m - 2];
      }
      if (x < 0 || x > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("run " + m + " has invalid length " + x);
      }
      counts[m++] = (int) x;
    }
    return Arrays.copyOf(counts, m);
  }
}
