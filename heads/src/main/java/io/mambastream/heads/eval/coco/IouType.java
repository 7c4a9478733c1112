package io.mambastream.heads.eval.coco;

import java.util.Locale;

/** What the IoU between a detection and a ground-truth object is computed on. */
public enum IouType {
  /** Axis-aligned boxes {@code [x, y, w, h]}. */
  BBOX,
  /** Masks (polygons or run-length encodings), rasterised as pycocotools' mask API does. */
  SEGM;

  /** Returns the name pycocotools uses: {@code bbox} or {@code segm}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code bbox} or {@code segm}. */
  public static IouType parse(String label) {
    for (IouType type : values()) {
      if (type.label().equals(label)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown IoU type '" + label + "' (expected bbox or segm)");
  }
}
