package io.mambastream.ingest.mask;

import java.util.Arrays;
import java.util.List;

/**
 * A binary mask as COCO run lengths: {@code counts} alternate zeros and ones over the pixels in
 * column-major order, starting with a (possibly empty) run of zeros, and sum to {@code height ·
 * width}.
 *
 * <p>Example: the 3×2 mask with rows {@code 01}, {@code 11}, {@code 00} reads {@code 0 1 0} down
 * column 0 and {@code 1 1 0} down column 1, so its counts are {@code [1, 1, 1, 2, 1]}.
 *
 * @param height rows of the mask (COCO's {@code size[0]})
 * @param width columns of the mask (COCO's {@code size[1]})
 * @param counts run lengths, zeros first; not copied, do not modify
 */
public record Rle(int height, int width, int[] counts) {

  /** Checks that the runs are non-negative and cover the mask exactly. */
  public Rle {
    if (height < 0 || width < 0) {
      throw new IllegalArgumentException("negative mask size " + height + "x" + width);
    }
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("negative run length at index " + i);
      }
      sum += counts[i];
    }
    if (sum != (long) height * width) {
      throw new IllegalArgumentException(
          "run lengths sum to " + sum + " but the mask has " + height + "x" + width + " pixels");
    }
  }

  /** Encodes a row-major mask (index {@code r·w + c}) of {@code h} rows and {@code w} columns. */
  public static Rle encode(boolean[] mask, int h, int w) {
    checkLength(mask.length, h, w);
    return encode(h, w, i -> mask[i]);
  }

  /** Encodes a row-major byte mask; every non-zero byte is foreground. */
  public static Rle encode(byte[] mask, int h, int w) {
    checkLength(mask.length, h, w);
    return encode(h, w, i -> mask[i] != 0);
  }

  /** The mask of {@code h}×{@code w} pixels with no foreground. */
  public static Rle empty(int h, int w) {
    return new Rle(h, w, new int[] {h * w});
  }

  private interface RowMajorMask {
    boolean get(int index);
  }

  private static Rle encode(int h, int w, RowMajorMask mask) {
    int[] runs = new int[h * w + 1];
    int m = 0;
    int run = 0;
    boolean value = false;
    for (int c = 0; c < w; c++) {
      for (int r = 0; r < h; r++) {
        boolean pixel = mask.get(r * w + c);
        if (pixel != value) {
          runs[m++] = run;
          run = 0;
          value = pixel;
        }
        run++;
      }
    }
    runs[m++] = run;
    return new Rle(h, w, Arrays.copyOf(runs, m));
  }

  private static void checkLength(int length, int h, int w) {
    if (h < 0 || w < 0 || length != (long) h * w) {
      throw new IllegalArgumentException(
          "mask of " + length + " pixels does not have size " + h + "x" + w);
    }
  }

  /** Decodes to a row-major mask (index {@code r·w + c}). */
  public boolean[] decode() {
    boolean[] mask = new boolean[height * width];
    int index = 0;
    for (int i = 0; i < counts.length; i++) {
      boolean value = i % 2 == 1;
      for (int k = 0; k < counts[i]; k++, index++) {
        if (value) {
          int r = index % height;
          int c = index / height;
          mask[r * width + c] = true;
        }
      }
    }
    return mask;
  }

  /** The number of foreground pixels (pycocotools {@code area}). */
  public long area() {
    long area = 0;
    for (int i = 1; i < counts.length; i += 2) {
      area += counts[i];
    }
    return area;
  }

  /**
   * The box {@code [x, y, w, h]} as pycocotools (2.0.x) {@code toBbox} computes it: the column
   * range of the runs of ones is tight; the row range is tight too unless a run of ones wraps from
   * one column into the next, in which case it spans all rows. Empty runs of ones are skipped. A
   * mask with fewer than two runs gives {@code [0, 0, 0, 0]}; one whose runs of ones are all empty
   * gives pycocotools' unsigned wrap-around {@code [w, h, 2³² − w + 1, 2³² − h + 1]}.
   */
  public double[] toBbox() {
    int m = counts.length / 2 * 2; // a trailing run of zeros changes nothing
    if (m == 0) {
      return new double[4];
    }
    long xs = width;
    long ys = height;
    long xe = 0;
    long ye = 0;
    long start = 0; // first pixel of run j
    for (int j = 0; j < m; j++) {
      long end = start + counts[j]; // first pixel after run j
      if (j % 2 == 1 && counts[j] > 0) {
        long xStart = start / height;
        long xEnd = (end - 1) / height;
        xs = Math.min(xs, xStart);
        xe = Math.max(xe, xEnd);
        if (xStart < xEnd) {
          ys = 0;
          ye = height - 1;
        } else {
          ys = Math.min(ys, start % height);
          ye = Math.max(ye, (end - 1) % height);
        }
      }
      start = end;
    }
    long unsigned = 0xFFFFFFFFL; // C's uint arithmetic
    return new double[] {xs, ys, (xe - xs + 1) & unsigned, (ye - ys + 1) & unsigned};
  }

  /**
   * Intersection over union of a detection and a ground-truth mask, as pycocotools {@code iou}:
   * when {@code crowd} is true the union is the detection's area alone; no overlap gives 0. Same as
   * {@link MaskIou#iou}.
   */
  public static double iou(Rle detection, Rle truth, boolean crowd) {
    return MaskIou.iou(detection, truth, crowd);
  }

  /** The pixels set in every mask (pycocotools {@code merge(..., intersect=True)}). */
  public static Rle intersection(List<Rle> masks) {
    return merge(masks, true);
  }

  /** The pixels set in any mask (pycocotools {@code merge(..., intersect=False)}). */
  public static Rle union(List<Rle> masks) {
    return merge(masks, false);
  }

  private static Rle merge(List<Rle> masks, boolean intersect) {
    if (masks.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Rle merged = masks.get(0);
    for (Rle next : masks.subList(1, masks.size())) {
      merged = merge(merged, next, intersect);
    }
    return merged;
  }

  /** Sweeps both run lists at once, emitting a run whenever the combined value changes. */
  private static Rle merge(Rle a, Rle b, boolean intersect) {
    if (a.height != b.height || a.width != b.width) {
      throw new IllegalArgumentException(
          "cannot merge masks of size "
              + a.height
              + "x"
              + a.width
              + " and "
              + b.height
              + "x"
              + b.width);
    }
    int total = a.height * a.width;
    int[] runs = new int[total + 1];
    int m = 0;
    int ia = 0;
    int ib = 0;
    int leftA = a.counts[0];
    int leftB = b.counts[0];
    boolean value = false;
    int run = 0;
    int done = 0;
    while (done < total) {
      while (leftA == 0) {
        leftA = a.counts[++ia];
      }
      while (leftB == 0) {
        leftB = b.counts[++ib];
      }
      boolean va = ia % 2 == 1;
      boolean vb = ib % 2 == 1;
      boolean combined = intersect ? va && vb : va || vb;
      if (combined != value) {
        runs[m++] = run;
        run = 0;
        value = combined;
      }
      int step = Math.min(leftA, leftB);
      run += step;
      done += step;
      leftA -= step;
      leftB -= step;
    }
    runs[m++] = run;
    return new Rle(a.height, a.width, Arrays.copyOf(runs, m));
  }

  /** The compressed COCO string of these counts (pycocotools {@code rleToString}). */
  public String toCompressedString() {
    return RleString.compress(counts);
  }

  /** Reads a compressed COCO string (pycocotools {@code rleFrString}) for an h×w mask. */
  public static Rle fromCompressedString(String compressed, int h, int w) {
    return new Rle(h, w, RleString.decompress(compressed));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Rle that
        && height == that.height
        && width == that.width
        && Arrays.equals(counts, that.counts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "Rle[" + height + "x" + width + ", counts=" + Arrays.toString(counts) + "]";
  }
}
