package io.mambastream.heads.eval.coco;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builds small box datasets and results for tests, one call per record. */
final class Scenes {
  private final TreeMap<ImageId, CocoImage> images = new TreeMap<>();
  private final List<CocoCategory> categories = new ArrayList<>();
  private final List<CocoAnnotation> gts = new ArrayList<>();
  private final List<CocoDetection> dts = new ArrayList<>();

  Scenes image(long id) {
    images.put(ImageId.of(id), new CocoImage(ImageId.of(id), 1000, 1000));
    return this;
  }

  Scenes category(long id) {
    categories.add(new CocoCategory(id, "c" + id));
    return this;
  }

  /** A ground truth whose area is its box's. */
  Scenes gt(long id, long image, long category, double... box) {
    return gt(id, image, category, box[2] * box[3], false, box);
  }

  Scenes crowd(long id, long image, long category, double... box) {
    return gt(id, image, category, box[2] * box[3], true, box);
  }

  Scenes gt(long id, long image, long category, double area, boolean crowd, double... box) {
    gts.add(
        new CocoAnnotation(
            gts.size(), id, ImageId.of(image), category, area, crowd, box.clone(), null));
    return this;
  }

  Scenes dt(long image, long category, double score, double... box) {
    int index = dts.size();
    dts.add(
        new CocoDetection(
            index,
            index + 1,
            ImageId.of(image),
            category,
            score,
            box[2] * box[3],
            box.clone(),
            null));
    return this;
  }

  CocoDataset dataset() {
    List<CocoCategory> sorted = new ArrayList<>(categories);
    sorted.sort((a, b) -> Long.compare(a.id(), b.id()));
    return new CocoDataset(new TreeMap<>(images), sorted, List.copyOf(gts));
  }

  List<CocoDetection> detections() {
    return List.copyOf(dts);
  }

  CocoEvaluation evaluate() {
    return CocoEvaluator.evaluate(dataset(), detections(), IouType.BBOX);
  }
}
