package io.mambastream.heads.eval.coco;

/**
 * A hand-sized box case on image 1 in category 1: ground truths numbered 1, 2, ... in the order
 * given (unless an id is named), detections in file order. Wraps {@link Scenes}.
 */
final class OneImage {
  private static final long IMAGE = 1;
  private static final long CATEGORY = 1;

  private final Scenes scenes = new Scenes().image(IMAGE).category(CATEGORY);
  private long nextId = 1;

  /** A box [x, y, w, h] in pixels. */
  record Box(double x, double y, double w, double h) {
    double[] xywh() {
      return new double[] {x, y, w, h};
    }
  }

  static Box box(double x, double y, double w, double h) {
    return new Box(x, y, w, h);
  }

  static OneImage scene() {
    return new OneImage();
  }

  /** An object whose area is its box's, with the next id. */
  OneImage gt(Box box) {
    return gt(nextId++, box);
  }

  /** An object with the given annotation id. */
  OneImage gt(long id, Box box) {
    scenes.gt(id, IMAGE, CATEGORY, box.xywh());
    return this;
  }

  /** An object whose declared {@code area} field differs from its box's, with the next id. */
  OneImage gtWithArea(double area, Box box) {
    scenes.gt(nextId++, IMAGE, CATEGORY, area, false, box.xywh());
    return this;
  }

  /** A crowd region with the next id. */
  OneImage crowd(Box box) {
    scenes.crowd(nextId++, IMAGE, CATEGORY, box.xywh());
    return this;
  }

  /** One more category (without ground truth unless one is added to it elsewhere). */
  OneImage category(long id) {
    scenes.category(id);
    return this;
  }

  /** A detection of category 1. */
  OneImage dt(double score, Box box) {
    return dtIn(CATEGORY, score, box);
  }

  /** A detection of the given category. */
  OneImage dtIn(long category, double score, Box box) {
    scenes.dt(IMAGE, category, score, box.xywh());
    return this;
  }

  CocoEvaluation evaluate() {
    return scenes.evaluate();
  }
}
