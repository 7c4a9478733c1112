package io.mambastream.heads.eval.miou;

/**
 * Per-class pixel areas summed over a dataset, as mmsegmentation's {@code intersect_and_union}
 * returns them per image and its {@code IoUMetric} sums them.
 *
 * <p>For each image: pixels whose ground truth equals the ignore index are dropped (from the
 * prediction too). The intersection counts pixels where prediction equals ground truth, binned by
 * that class; prediction and label areas bin each map separately; union = pred + label −
 * intersection. Binning follows mmseg's {@code torch.histc(x, bins=C, min=0, max=C-1)} on integer
 * labels: a value v lands in bin v when 0 ≤ v &lt; C and is dropped otherwise. So a ground-truth
 * value outside [0, C) that is not the ignore index still counts the prediction at that pixel in
 * its class's prediction area (a false positive) but adds no label area; a predicted value outside
 * [0, C) adds to the label area of the true class only (a miss).
 */
public final class SegmentationAreas {

  private final int classes;
  private final int ignoreIndex;
  private final long[] intersect;
  private final long[] predArea;
  private final long[] labelArea;
  private int images;

  /**
   * Starts empty areas for {@code classes} classes.
   *
   * @throws IllegalArgumentException for fewer than 2 classes (mmseg's histogram has range [0, 0]
   *     then, which torch replaces by the data's range)
   */
  public SegmentationAreas(int classes, int ignoreIndex) {
    if (classes < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + classes);
    }
    this.classes = classes;
    this.ignoreIndex = ignoreIndex;
    this.intersect = new long[classes];
    this.predArea = new long[classes];
    this.labelArea = new long[classes];
  }

  /**
   * Adds one image: {@code pred} and {@code label} hold a class id per pixel, same length.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public void add(int[] pred, int[] label) {
    if (pred.length != label.length) {
      throw new IllegalArgumentException(
          "prediction has " + pred.length + " pixels, ground truth " + label.length);
    }
    images++;
    for (int i = 0; i < label.length; i++) {
      int gt = label[i];
      if (gt == ignoreIndex) {
        continue;
      }
      int p = pred[i];
      if (inRange(p)) {
        predArea[p]++;
      }
      if (inRange(gt)) {
        labelArea[gt]++;
        if (p == gt) {
          intersect[gt]++;
        }
      }
    }
  }

  /** Returns the number of images added. */
  public int images() {
    return images;
  }

  /** Returns the number of classes C. */
  public int classes() {
    return classes;
  }

  /** Returns the per-class intersection areas. */
  public long[] intersect() {
    return intersect.clone();
  }

  /** Returns the per-class union areas (pred + label − intersection). */
  public long[] union() {
    long[] union = new long[classes];
    for (int c = 0; c < classes; c++) {
      union[c] = predArea[c] + labelArea[c] - intersect[c];
    }
    return union;
  }

  /** Returns the per-class predicted areas. */
  public long[] predArea() {
    return predArea.clone();
  }

  /** Returns the per-class ground-truth (label) areas. */
  public long[] labelArea() {
    return labelArea.clone();
  }

  /** Returns the metrics of the areas added so far. */
  public MiouResult metrics() {
    long[] union = union();
    double[] iou = new double[classes];
    double[] acc = new double[classes];
    long sumIntersect = 0;
    long sumLabel = 0;
    for (int c = 0; c < classes; c++) {
      iou[c] = (double) intersect[c] / union[c]; // 0/0 = NaN: class absent from both
      acc[c] = (double) intersect[c] / labelArea[c]; // NaN when the class never occurs in gt
      sumIntersect += intersect[c];
      sumLabel += labelArea[c];
    }
    double allAcc = (double) sumIntersect / sumLabel;
    return new MiouResult(
        images,
        allAcc,
        nanMean(iou),
        nanMean(acc),
        iou,
        acc,
        intersect(),
        union,
        predArea(),
        labelArea());
  }

  private boolean inRange(int value) {
    return value >= 0 && value < classes;
  }

  /** numpy's nanmean: the mean of the non-NaN entries, NaN when there are none. */
  static double nanMean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
