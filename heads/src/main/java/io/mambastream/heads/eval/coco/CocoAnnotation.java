package io.mambastream.heads.eval.coco;

/**
 * A ground-truth object of a COCO dataset.
 *
 * @param index the position of the record in the file's {@code annotations}, for messages
 * @param id the annotation id (a match to id 0 counts as no match, as in pycocotools)
 * @param imageId the image it belongs to
 * @param categoryId its category
 * @param area the annotation's {@code area}, which decides its size range (not the box or mask)
 * @param crowd whether it is a crowd region ({@code iscrowd}): ignored, and may absorb detections
 * @param bbox {@code [x, y, w, h]}, or {@code null} when absent
 * @param segmentation its mask, or {@code null} when absent
 */
public record CocoAnnotation(
    int index,
    long id,
    ImageId imageId,
    long categoryId,
    double area,
    boolean crowd,
    double[] bbox,
    Segmentation segmentation) {

  /** Returns "annotation #index (id N)", naming the record in error messages. */
  public String describe() {
    return "annotation #" + index + " (id " + id + ")";
  }
}
