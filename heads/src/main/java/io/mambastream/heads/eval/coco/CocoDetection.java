package io.mambastream.heads.eval.coco;

/**
 * One detection of a results file, after pycocotools' {@code loadRes}.
 *
 * @param index the position of the record in the results list, for messages
 * @param id {@code index + 1}, the id {@code loadRes} assigns (any id in the file is ignored)
 * @param imageId the image it was made on
 * @param categoryId the predicted category
 * @param score the confidence; higher first, ties keep file order
 * @param area {@code w * h} of the box, or the mask area (see {@link CocoResultsReader})
 * @param bbox {@code [x, y, w, h]}
 * @param segmentation its mask, or {@code null} for box-only results
 */
public record CocoDetection(
    int index,
    long id,
    ImageId imageId,
    long categoryId,
    double score,
    double area,
    double[] bbox,
    Segmentation segmentation) {

  /** Returns "result #index", naming the record in error messages. */
  public String describe() {
    return "result #" + index;
  }
}
