package io.mambastream.heads.eval.coco;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a COCO ground-truth file ({@code images}, {@code categories}, {@code annotations}), as
 * pycocotools' {@code COCO(file)} does, but refusing what it would silently mishandle.
 *
 * <p>Refused, with the offending record named: annotations of an unknown image or category,
 * duplicate annotation ids, a missing {@code area}, a bad box (when evaluating boxes) or a bad
 * segmentation (when evaluating masks), images with ids of both kinds (integers and strings).
 */
public final class CocoDatasetReader {
  private CocoDatasetReader() {}

  /** Reads {@code file}, checking the fields that an {@code iouType} evaluation needs. */
  public static CocoDataset read(Path file, IouType iouType) throws IOException {
    return JsonFiles.read(file, root -> parse(root, iouType));
  }

  /** Reads a parsed ground-truth JSON object. */
  public static CocoDataset parse(JsonNode root, IouType iouType) {
    JsonRecord dataset = JsonRecord.of(root, "ground truth");
    NavigableMap<ImageId, CocoImage> images = images(array(dataset, "images"));
    Map<Long, CocoCategory> categories = new TreeMap<>();
    JsonNode categoryNodes = array(dataset, "categories");
    for (int i = 0; i < categoryNodes.size(); i++) {
      JsonRecord category = JsonRecord.of(categoryNodes.get(i), "category #" + i);
      long id = category.integer("id");
      categories.put(id, new CocoCategory(id, category.text("name", "")));
    }
    List<CocoAnnotation> annotations = new ArrayList<>();
    if (dataset.has("annotations")) {
      JsonNode nodes = array(dataset, "annotations");
      Set<Long> ids = new HashSet<>();
      for (int i = 0; i < nodes.size(); i++) {
        CocoAnnotation annotation =
            annotation(i, nodes.get(i), images, categories.keySet(), iouType);
        if (!ids.add(annotation.id())) {
          throw new IllegalArgumentException(annotation.describe() + ": duplicate annotation id");
        }
        annotations.add(annotation);
      }
    }
    return new CocoDataset(images, List.copyOf(categories.values()), annotations);
  }

  private static NavigableMap<ImageId, CocoImage> images(JsonNode nodes) {
    NavigableMap<ImageId, CocoImage> images = new TreeMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonRecord image = JsonRecord.of(nodes.get(i), "image #" + i);
      ImageId id = image.imageId("id");
      if (!images.isEmpty() && images.firstKey().isText() != id.isText()) {
        throw image.fail("image id " + id + " mixes integer and string image ids");
      }
      int height = (int) image.integer("height", -1);
      int width = (int) image.integer("width", -1);
      images.put(id, new CocoImage(id, height, width));
    }
    return images;
  }

  private static CocoAnnotation annotation(
      int index,
      JsonNode node,
      Map<ImageId, CocoImage> images,
      Set<Long> categories,
      IouType iouType) {
    JsonRecord record = JsonRecord.of(node, "annotation #" + index);
    long id = record.integer("id");
    record = new JsonRecord(node, "annotation #" + index + " (id " + id + ")");
    ImageId imageId = record.imageId("image_id");
    if (!images.containsKey(imageId)) {
      throw record.fail("unknown image_id " + imageId);
    }
    long categoryId = record.integer("category_id");
    if (!categories.contains(categoryId)) {
      throw record.fail("unknown category_id " + categoryId);
    }
    double area = record.number("area");
    boolean crowd = record.crowd();
    double[] bbox = iouType == IouType.BBOX ? record.bbox() : null;
    Segmentation segmentation = null;
    if (iouType == IouType.SEGM) {
      segmentation = record.segmentation();
      checkImageSize(record, segmentation, images.get(imageId));
    }
    return new CocoAnnotation(index, id, imageId, categoryId, area, crowd, bbox, segmentation);
  }

  /** Checks that a polygon segmentation's image has a size to rasterise in. */
  static void checkImageSize(JsonRecord record, Segmentation segmentation, CocoImage image) {
    if (segmentation.needsImageSize() && (image.height() < 0 || image.width() < 0)) {
      throw record.fail(
          "image " + image.id() + " has no height and width, needed to rasterise polygons");
    }
  }

  private static JsonNode array(JsonRecord record, String field) {
    JsonNode value = record.required(field);
    if (!value.isArray()) {
      throw record.fail("'" + field + "' must be a list");
    }
    return value;
  }
}
