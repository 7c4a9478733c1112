package io.mambastream.heads.eval.coco;

import io.mambastream.ingest.mask.MaskIou;
import io.mambastream.ingest.mask.Rle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * COCO evaluation of detections or instance masks against a ground truth, reproducing pycocotools'
 * {@code COCOeval} (evaluate, accumulate, summarize) with its default parameters.
 *
 * <p>Steps:
 *
 * <ol>
 *   <li>Group ground truths and detections by (image, category), both in file order.
 *   <li>Per group: sort detections by descending score (stable), keep the first 100, compute their
 *       IoUs with the ground truths, and match them in each area range ({@link ImageEvaluator}).
 *   <li>Accumulate precision/recall curves over images ({@link Accumulator}).
 *   <li>Summarise into the 12 standard numbers, overall and per category ({@link CocoStat}).
 * </ol>
 */
public final class CocoEvaluator {
  private CocoEvaluator() {}

  /** Evaluates {@code detections} against {@code dataset} on boxes or masks. */
  public static CocoEvaluation evaluate(
      CocoDataset dataset, List<CocoDetection> detections, IouType iouType) {
    List<ImageId> images = new ArrayList<>(dataset.images().keySet());
    List<CocoCategory> categories = dataset.categories();
    Map<Group, List<CocoAnnotation>> gtGroups = new HashMap<>();
    for (CocoAnnotation gt : dataset.annotations()) {
      gtGroups
          .computeIfAbsent(new Group(gt.imageId(), gt.categoryId()), g -> new ArrayList<>())
          .add(gt);
    }
    Map<Group, List<CocoDetection>> dtGroups = new HashMap<>();
    for (CocoDetection dt : detections) {
      dtGroups
          .computeIfAbsent(new Group(dt.imageId(), dt.categoryId()), g -> new ArrayList<>())
          .add(dt);
    }

    Map<ImageId, Integer> imageIndex = new HashMap<>();
    for (int i = 0; i < images.size(); i++) {
      imageIndex.put(images.get(i), i);
    }
    Map<Long, Integer> categoryIndex = new HashMap<>();
    for (int k = 0; k < categories.size(); k++) {
      categoryIndex.put(categories.get(k).id(), k);
    }
    AreaRange[] ranges = AreaRange.values();
    ImageEvaluation[][][] evaluations =
        new ImageEvaluation[categories.size()][ranges.length][images.size()];
    // Only groups with ground truths or detections are evaluated; the others stay null.
    Set<Group> groups = new HashSet<>(gtGroups.keySet());
    groups.addAll(dtGroups.keySet());
    for (Group group : groups) {
      Integer i = imageIndex.get(group.image());
      Integer k = categoryIndex.get(group.category());
      if (i == null || k == null) {
        continue; // pycocotools evaluates only the ground truth's images and categories
      }
      List<CocoAnnotation> gts = gtGroups.getOrDefault(group, List.of());
      List<CocoDetection> dts = topDetections(dtGroups.getOrDefault(group, List.of()));
      double[][] ious = ious(dataset, gts, dts, iouType);
      for (int a = 0; a < ranges.length; a++) {
        evaluations[k][a][i] = ImageEvaluator.evaluate(gts, dts, ious, ranges[a]);
      }
    }

    CocoAccumulation accumulation = Accumulator.accumulate(evaluations);
    CocoStat[] statList = CocoStat.values();
    double[] stats = new double[statList.length];
    double[][] perCategory = new double[categories.size()][statList.length];
    for (CocoStat stat : statList) {
      stats[stat.ordinal()] = stat.value(accumulation);
      for (int k = 0; k < categories.size(); k++) {
        perCategory[k][stat.ordinal()] = stat.value(accumulation, k);
      }
    }
    return new CocoEvaluation(iouType, stats, categories, perCategory, accumulation);
  }

  /** The detections sorted by descending score, ties in file order, cut to the largest limit. */
  private static List<CocoDetection> topDetections(List<CocoDetection> dts) {
    double[] scores = dts.stream().mapToDouble(CocoDetection::score).toArray();
    int[] order = ScoreOrder.descending(scores);
    int kept = Math.min(order.length, CocoParameters.largestMaxDets());
    List<CocoDetection> top = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      top.add(dts.get(order[i]));
    }
    return top;
  }

  private static double[][] ious(
      CocoDataset dataset, List<CocoAnnotation> gts, List<CocoDetection> dts, IouType iouType) {
    boolean[] crowd = new boolean[gts.size()];
    for (int g = 0; g < gts.size(); g++) {
      crowd[g] = gts.get(g).crowd();
    }
    if (iouType == IouType.BBOX) {
      double[][] gtBoxes = gts.stream().map(CocoAnnotation::bbox).toArray(double[][]::new);
      double[][] dtBoxes = dts.stream().map(CocoDetection::bbox).toArray(double[][]::new);
      return BoxIou.matrix(dtBoxes, gtBoxes, crowd);
    }
    Rle[] gtMasks = new Rle[gts.size()];
    for (int g = 0; g < gtMasks.length; g++) {
      CocoAnnotation gt = gts.get(g);
      CocoImage image = dataset.images().get(gt.imageId());
      gtMasks[g] = gt.segmentation().toRle(image.height(), image.width());
    }
    Rle[] dtMasks = new Rle[dts.size()];
    for (int d = 0; d < dtMasks.length; d++) {
      CocoDetection dt = dts.get(d);
      CocoImage image = dataset.images().get(dt.imageId());
      dtMasks[d] = dt.segmentation().toRle(image.height(), image.width());
    }
    return MaskIou.matrix(dtMasks, gtMasks, crowd);
  }

  /** The key of an (image, category) group. */
  private record Group(ImageId image, long category) {}
}
