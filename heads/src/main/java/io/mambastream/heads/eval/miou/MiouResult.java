package io.mambastream.heads.eval.miou;

/**
 * mmsegmentation's IoU metrics as fractions in [0, 1] (reports show them ×100).
 *
 * @param images number of image pairs
 * @param allAcc aAcc = Σ intersection / Σ label area (pixel accuracy over non-ignored pixels)
 * @param meanIou mIoU = nanmean of {@code iou}
 * @param meanAcc mAcc = nanmean of {@code acc}
 * @param iou per class: intersection / union, NaN when the union is 0
 * @param acc per class: intersection / label area, NaN when the label area is 0
 * @param intersect per-class intersection areas
 * @param union per-class union areas
 * @param predArea per-class predicted areas
 * @param labelArea per-class ground-truth areas
 */
public record MiouResult(
    int images,
    double allAcc,
    double meanIou,
    double meanAcc,
    double[] iou,
    double[] acc,
    long[] intersect,
    long[] union,
    long[] predArea,
    long[] labelArea) {}
