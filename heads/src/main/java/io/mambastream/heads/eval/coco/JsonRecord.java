package io.mambastream.heads.eval.coco;

import com.fasterxml.jackson.databind.JsonNode;
import io.mambastream.ingest.mask.Rle;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object of a COCO file with typed field access; every failure names the record.
 *
 * @param node the object
 * @param name how messages name it, e.g. "annotation #3 (id 17)"
 */
record JsonRecord(JsonNode node, String name) {

  /** Wraps {@code node}, which must be a JSON object. */
  static JsonRecord of(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(name + ": expected a JSON object, got " + show(node));
    }
    return new JsonRecord(node, name);
  }

  /** Returns whether the field is present and not null. */
  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  JsonNode required(String field) {
    if (!has(field)) {
      throw fail("missing '" + field + "'");
    }
    return node.get(field);
  }

  /** Returns an integer field (an integral JSON number). */
  long integer(String field) {
    JsonNode value = required(field);
    if (!isIntegral(value)) {
      throw fail("'" + field + "' must be an integer, got " + show(value));
    }
    return value.longValue();
  }

  /** Returns an integer field, or {@code fallback} when absent. */
  long integer(String field, long fallback) {
    return has(field) ? integer(field) : fallback;
  }

  /** Returns a finite number field. */
  double number(String field) {
    JsonNode value = required(field);
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw fail("'" + field + "' must be a finite number, got " + show(value));
    }
    return value.doubleValue();
  }

  /** Returns a text field, or {@code fallback} when absent. */
  String text(String field, String fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      throw fail("'" + field + "' must be a string, got " + show(value));
    }
    return value.textValue();
  }

  /** Returns an image id field: an integer or a string. */
  ImageId imageId(String field) {
    JsonNode value = required(field);
    if (value.isTextual()) {
      return ImageId.of(value.textValue());
    }
    if (isIntegral(value)) {
      return ImageId.of(value.longValue());
    }
    throw fail("'" + field + "' must be an integer or a string, got " + show(value));
  }

  /** Returns {@code iscrowd} (absent means 0; booleans and integers, non-zero meaning crowd). */
  boolean crowd() {
    if (!has("iscrowd")) {
      return false;
    }
    JsonNode value = node.get("iscrowd");
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (isIntegral(value)) {
      return value.longValue() != 0;
    }
    throw fail("'iscrowd' must be 0, 1 or a boolean, got " + show(value));
  }

  /** Returns {@code bbox}: four finite numbers {@code [x, y, w, h]} with w, h ≥ 0. */
  double[] bbox() {
    JsonNode value = required("bbox");
    double[] box = new double[4];
    boolean ok = value.isArray() && value.size() == 4;
    for (int i = 0; ok && i < 4; i++) {
      ok = value.get(i).isNumber() && Double.isFinite(value.get(i).doubleValue());
      box[i] = ok ? value.get(i).doubleValue() : 0;
    }
    if (!ok) {
      throw fail("bad bbox " + show(value) + ": expected [x, y, width, height]");
    }
    if (box[2] < 0 || box[3] < 0) {
      throw fail("bad bbox " + show(value) + ": negative width or height");
    }
    return box;
  }

  /** Returns {@code segmentation}: polygons, uncompressed or compressed run lengths. */
  Segmentation segmentation() {
    JsonNode value = required("segmentation");
    if (value.isArray()) {
      return polygons(value);
    }
    if (value.isObject() && value.has("counts") && value.has("size")) {
      return new Segmentation.Runs(runs(value));
    }
    throw fail(
        "bad segmentation "
            + show(value)
            + ": expected polygons or {\"size\": [h, w], \"counts\": ...}");
  }

  private Segmentation polygons(JsonNode value) {
    List<double[]> parts = new ArrayList<>();
    for (JsonNode part : value) {
      if (!part.isArray()) {
        throw fail("bad polygon " + show(part) + ": expected [x0, y0, x1, y1, ...]");
      }
      double[] xy = new double[part.size()];
      for (int i = 0; i < xy.length; i++) {
        JsonNode c = part.get(i);
        if (!c.isNumber() || !Double.isFinite(c.doubleValue())) {
          throw fail("bad polygon coordinate " + show(c) + " in polygon " + parts.size());
        }
        xy[i] = c.doubleValue();
      }
      parts.add(xy);
    }
    if (parts.isEmpty() || parts.get(0).length <= 4) {
      throw fail(
          "bad segmentation "
              + show(value)
              + ": the first polygon needs at least 5 coordinates (pycocotools rejects fewer)");
    }
    return new Segmentation.Polygons(parts);
  }

  private Rle runs(JsonNode value) {
    JsonNode size = value.get("size");
    if (!size.isArray()
        || size.size() != 2
        || !isIntegral(size.get(0))
        || !isIntegral(size.get(1))
        || size.get(0).longValue() < 0
        || size.get(1).longValue() < 0
        || size.get(0).longValue() * size.get(1).longValue() > Integer.MAX_VALUE) {
      throw fail("bad RLE size " + show(size) + ": expected [height, width]");
    }
    int h = size.get(0).intValue();
    int w = size.get(1).intValue();
    JsonNode counts = value.get("counts");
    try {
      if (counts.isTextual()) {
        return Rle.fromCompressedString(counts.textValue(), h, w);
      }
      if (counts.isArray()) {
        int[] runs = new int[counts.size()];
        for (int i = 0; i < runs.length; i++) {
          JsonNode c = counts.get(i);
          if (!isIntegral(c) || c.longValue() < 0 || c.longValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("count " + show(c) + " at index " + i);
          }
          runs[i] = c.intValue();
        }
        return new Rle(h, w, runs);
      }
    } catch (RuntimeException e) {
      throw fail("bad RLE: " + e.getMessage());
    }
    throw fail("bad RLE: 'counts' must be a string or a list of integers, got " + show(counts));
  }

  /** Returns an exception whose message starts with the record's name. */
  IllegalArgumentException fail(String problem) {
    return new IllegalArgumentException(name + ": " + problem);
  }

  private static boolean isIntegral(JsonNode value) {
    if (value == null) {
      return false;
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong();
    }
    double d = value.isNumber() ? value.doubleValue() : Double.NaN;
    return d == Math.rint(d) && Math.abs(d) < 0x1p53;
  }

  private static String show(JsonNode value) {
    if (value == null) {
      return "nothing";
    }
    String text = value.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
