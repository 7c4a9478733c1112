package io.mambastream.heads.eval.coco;

import com.fasterxml.jackson.databind.JsonNode;
import io.mambastream.ingest.mask.Rle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a COCO results file as pycocotools' {@code COCO.loadRes} does.
 *
 * <p>The file is a bare list of {@code {image_id, category_id, score, bbox | segmentation}} objects
 * (an object holding such a list under {@code annotations} is accepted too). As in {@code loadRes},
 * the <em>first</em> result decides how all are read:
 *
 * <ul>
 *   <li>it has a non-empty {@code bbox}: every result needs a box; its area is {@code w * h} (even
 *       when masks are evaluated); a result without {@code segmentation} gets the box's corner
 *       polygon as mask;
 *   <li>otherwise it has a {@code segmentation}: every result needs one; its area is the mask's
 *       pixel count and its box, unless given, the mask's bounding box.
 * </ul>
 *
 * <p>Each result gets id {@code index + 1}; {@code iscrowd} and {@code area} in the file are
 * ignored. Unlike pycocotools, an empty list is accepted (no detections), mask results may be
 * polygons or uncompressed run lengths (pycocotools takes only compressed ones), and a result of a
 * category absent from the ground truth is refused (pycocotools silently drops it).
 */
public final class CocoResultsReader {
  private CocoResultsReader() {}

  /** Reads {@code file} for an {@code iouType} evaluation against {@code dataset}. */
  public static List<CocoDetection> read(Path file, CocoDataset dataset, IouType iouType)
      throws IOException {
    return JsonFiles.read(file, root -> parse(root, dataset, iouType));
  }

  /** Reads parsed results. */
  public static List<CocoDetection> parse(JsonNode root, CocoDataset dataset, IouType iouType) {
    JsonNode list = root;
    if (root != null && root.isObject() && root.has("annotations")) {
      list = root.get("annotations");
    }
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(
          "results: expected a list of detections (or an object with 'annotations')");
    }
    List<CocoDetection> detections = new ArrayList<>(list.size());
    if (list.isEmpty()) {
      return detections;
    }
    boolean boxes = boxBranch(JsonRecord.of(list.get(0), "result #0"));
    Set<Long> categories = new HashSet<>();
    dataset.categories().forEach(c -> categories.add(c.id()));
    for (int i = 0; i < list.size(); i++) {
      detections.add(detection(i, list.get(i), dataset, categories, iouType, boxes));
    }
    return detections;
  }

  /** {@code loadRes}'s choice: boxes when the first result has a non-empty {@code bbox}. */
  private static boolean boxBranch(JsonRecord first) {
    JsonNode box = first.node().get("bbox");
    if (first.has("bbox") && !(box.isArray() && box.isEmpty())) {
      return true;
    }
    if (first.has("segmentation")) {
      return false;
    }
    throw first.fail("a result needs a 'bbox' or a 'segmentation'");
  }

  private static CocoDetection detection(
      int index,
      JsonNode node,
      CocoDataset dataset,
      Set<Long> categories,
      IouType iouType,
      boolean boxes) {
    JsonRecord record = JsonRecord.of(node, "result #" + index);
    ImageId imageId = record.imageId("image_id");
    record = new JsonRecord(node, "result #" + index + " (image_id " + imageId + ")");
    CocoImage image = dataset.images().get(imageId);
    if (image == null) {
      throw record.fail("unknown image_id " + imageId + " (not in the ground truth's images)");
    }
    long categoryId = record.integer("category_id");
    if (!categories.contains(categoryId)) {
      throw record.fail("unknown category_id " + categoryId);
    }
    double score = record.number("score");
    long id = index + 1L;
    if (boxes) {
      if (!record.has("bbox")) {
        throw record.fail("missing 'bbox' (the first result has one, so every result needs one)");
      }
      double[] bbox = record.bbox();
      Segmentation segmentation = null;
      if (iouType == IouType.SEGM) {
        segmentation = record.has("segmentation") ? record.segmentation() : corners(bbox);
        CocoDatasetReader.checkImageSize(record, segmentation, image);
      }
      return new CocoDetection(
          index, id, imageId, categoryId, score, bbox[2] * bbox[3], bbox, segmentation);
    }
    if (!record.has("segmentation")) {
      throw record.fail(
          "missing 'segmentation' (the first result has no bbox, so every result needs a mask)");
    }
    Segmentation segmentation = record.segmentation();
    CocoDatasetReader.checkImageSize(record, segmentation, image);
    Rle mask = segmentation.toRle(image.height(), image.width());
    double[] bbox = null;
    if (iouType == IouType.BBOX) {
      bbox = record.has("bbox") ? record.bbox() : mask.toBbox();
    }
    return new CocoDetection(
        index, id, imageId, categoryId, score, mask.area(), bbox, new Segmentation.Runs(mask));
  }

  /** The polygon {@code loadRes} gives a box-only result: {@code x1,y1, x1,y2, x2,y2, x2,y1}. */
  private static Segmentation corners(double[] bbox) {
    double x1 = bbox[0];
    double x2 = bbox[0] + bbox[2];
    double y1 = bbox[1];
    double y2 = bbox[1] + bbox[3];
    return new Segmentation.Polygons(List.of(new double[] {x1, y1, x1, y2, x2, y2, x2, y1}));
  }
}
