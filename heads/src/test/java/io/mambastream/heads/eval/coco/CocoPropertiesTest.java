package io.mambastream.heads.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties of the evaluator on random box scenes. Objects sit one per cell of a 5×5 grid of
 * 200-pixel cells on 1000×1000 images (so objects never overlap), with sizes from 1 to 190 pixels a
 * side (every area range occurs).
 */
class CocoPropertiesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int CELLS = 5;
  private static final int CELL = 200;

  /** A scene: ground truths (some crowd), and detections that fit the property at hand. */
  private record Scene(Scenes scenes, List<double[]> objects, List<double[]> crowds) {}

  /**
   * Random objects on 1..4 images in 1..3 categories. Each element of {@code objects} and {@code
   * crowds} is {image, category, x, y, w, h}.
   */
  private static Scene scene(SplittableRandom random, double crowdShare) {
    Scenes scenes = new Scenes();
    int categories = random.nextInt(1, 4);
    for (int c = 1; c <= categories; c++) {
      scenes.category(c * 7L);
    }
    List<double[]> objects = new ArrayList<>();
    List<double[]> crowds = new ArrayList<>();
    int images = random.nextInt(1, 5);
    long id = 1;
    for (int i = 0; i < images; i++) {
      long image = 10L * i + random.nextInt(10);
      scenes.image(image);
      for (int cell = 0; cell < CELLS * CELLS; cell++) {
        if (random.nextDouble() < 0.6) {
          continue;
        }
        double w = 1 + random.nextDouble() * 189;
        double h = 1 + random.nextDouble() * 189;
        double x = cell % CELLS * CELL + random.nextDouble() * (CELL - 1 - w);
        double y = cell / CELLS * CELL + random.nextDouble() * (CELL - 1 - h);
        long category = 7L * random.nextInt(1, categories + 1);
        double[] box = {x, y, w, h};
        if (random.nextDouble() < crowdShare) {
          scenes.crowd(id++, image, category, box);
          crowds.add(new double[] {image, category, x, y, w, h});
        } else {
          scenes.gt(id++, image, category, box);
          objects.add(new double[] {image, category, x, y, w, h});
        }
      }
    }
    return new Scene(scenes, objects, crowds);
  }

  /**
   * A detection exactly on every (non-crowd) object, in any score order, finds every object at
   * every threshold and is never a false positive: every AP and AR is 1 (or -1 where a range has no
   * object). AP may be 1 − 2⁻⁵² rather than 1 (see {@link CocoEvaluatorTest}).
   */
  @Property(tries = 60, seed = "20261127")
  void perfectDetectionsScoreOne(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Scene scene = scene(random, 0.15);
    for (double[] o : scene.objects()) {
      scene.scenes().dt((long) o[0], (long) o[1], random.nextDouble(), o[2], o[3], o[4], o[5]);
    }

    CocoEvaluation e = scene.scenes().evaluate();

    for (CocoStat stat : CocoStat.values()) {
      if (stat == CocoStat.AR1 || stat == CocoStat.AR10) {
        continue; // one or ten detections per image may not cover every object
      }
      double value = e.stat(stat);
      if (value != -1) {
        assertThat(value).as("%s", stat).isCloseTo(1.0, within(1e-15));
      }
    }
    assertThat(e.stat(CocoStat.AR100)).isEqualTo(scene.objects().isEmpty() ? -1 : 1.0);
  }

  /**
   * Reordering the images, categories and annotations of the ground-truth file and the results
   * changes nothing, to the bit, as long as no two detections of an image tie in score (ties keep
   * file order) and no detection has equal IoU with two objects.
   */
  @Property(tries = 40, seed = "20261127")
  void fileOrderChangesNothing(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Scene scene = noisyScene(random, 0.15);
    ObjectNode gt = groundTruthJson(scene.scenes());
    ArrayNode dt = resultsJson(scene.scenes());
    CocoEvaluation before = evaluateJson(gt, dt);

    Random shuffler = new Random(seed);
    for (String field : List.of("images", "categories", "annotations")) {
      gt.set(field, shuffled((ArrayNode) gt.get(field), shuffler));
    }
    CocoEvaluation after = evaluateJson(gt, shuffled(dt, shuffler));

    assertThat(after.stats()).containsExactly(before.stats());
    assertThat(after.perCategory()).isDeepEqualTo(before.perCategory());
  }

  /**
   * One more detection on a new image without objects can only lower AP: it is a false positive
   * wherever it ranks, and every precision at or after its rank drops. Ranked first, it lowers
   * every non-zero precision, so AP strictly drops when it was positive.
   */
  @Property(tries = 40, seed = "20261127")
  void falsePositiveOnAnEmptyImageLowersPrecision(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Scene scene = noisyScene(random, 0.1);
    if (scene.objects().isEmpty()) {
      return;
    }
    double before = scene.scenes().evaluate().stat(CocoStat.AP);
    long category = (long) scene.objects().get(0)[1];
    boolean first = random.nextBoolean();
    scene.scenes().image(1000).dt(1000, category, first ? 2 : random.nextDouble(), 10, 10, 50, 50);

    double after = scene.scenes().evaluate().stat(CocoStat.AP);

    assertThat(after).isLessThanOrEqualTo(before);
    if (first && before > 0) {
      assertThat(after).isLessThan(before);
    }
  }

  /**
   * Any number of detections inside a crowd region, of its category, change nothing even when they
   * outrank every other detection: each matches the crowd (intersection over its own area is 1),
   * which stays available, and is ignored. (Only AR@1 and AR@10 may change, since ignored
   * detections still use up the per-image limit; images here hold far fewer than 100.) Were they
   * false positives instead, ranked first they would lower every precision.
   */
  @Property(tries = 40, seed = "20261127")
  void crowdAbsorbsDetections(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Scene scene = noisyScene(random, 0.3);
    if (scene.crowds().isEmpty()) {
      return;
    }
    CocoEvaluation before = scene.scenes().evaluate();
    for (double[] c : scene.crowds()) {
      for (int n = random.nextInt(1, 6); n > 0; n--) {
        double w = c[4] * random.nextDouble();
        double h = c[5] * random.nextDouble();
        double x = c[2] + (c[4] - w) * random.nextDouble();
        double y = c[3] + (c[5] - h) * random.nextDouble();
        scene.scenes().dt((long) c[0], (long) c[1], 1 + random.nextDouble(), x, y, w, h);
      }
    }

    CocoEvaluation after = scene.scenes().evaluate();

    for (CocoStat stat : CocoStat.values()) {
      if (stat != CocoStat.AR1 && stat != CocoStat.AR10) {
        assertThat(after.stat(stat)).as("%s", stat).isEqualTo(before.stat(stat));
      }
    }
  }

  /** A random scene with the detections of {@link #addNoisyDetections}. */
  private static Scene noisyScene(SplittableRandom random, double crowdShare) {
    Scene scene = scene(random, crowdShare);
    addNoisyDetections(scene, random);
    return scene;
  }

  /** Shifted and resized copies of most objects plus a few stray boxes, scores in [0.5, 1). */
  private static void addNoisyDetections(Scene scene, SplittableRandom random) {
    for (double[] o : scene.objects()) {
      if (random.nextDouble() < 0.8) {
        double jitter = random.nextDouble() * 0.4;
        scene
            .scenes()
            .dt(
                (long) o[0],
                (long) o[1],
                0.5 + 0.5 * random.nextDouble(),
                o[2] + jitter * o[4] * (random.nextDouble() - 0.5),
                o[3] + jitter * o[5] * (random.nextDouble() - 0.5),
                o[4] * (1 + jitter * (random.nextDouble() - 0.5)),
                o[5] * (1 + jitter * (random.nextDouble() - 0.5)));
      }
    }
    CocoDataset dataset = scene.scenes().dataset();
    for (ImageId image : dataset.images().keySet()) {
      for (int n = random.nextInt(3); n > 0; n--) {
        long category = dataset.categories().get(random.nextInt(dataset.categories().size())).id();
        scene
            .scenes()
            .dt(
                image.number(),
                category,
                0.5 + 0.5 * random.nextDouble(),
                random.nextDouble() * 900,
                random.nextDouble() * 900,
                1 + random.nextDouble() * 99,
                1 + random.nextDouble() * 99);
      }
    }
  }

  private static ObjectNode groundTruthJson(Scenes scenes) {
    CocoDataset dataset = scenes.dataset();
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode images = root.putArray("images");
    dataset.images().keySet().forEach(id -> images.addObject().put("id", id.number()));
    ArrayNode categories = root.putArray("categories");
    dataset.categories().forEach(c -> categories.addObject().put("id", c.id()).put("name", ""));
    ArrayNode annotations = root.putArray("annotations");
    for (CocoAnnotation a : dataset.annotations()) {
      ObjectNode node = annotations.addObject();
      node.put("id", a.id()).put("image_id", a.imageId().number());
      node.put("category_id", a.categoryId()).put("area", a.area());
      node.put("iscrowd", a.crowd() ? 1 : 0);
      ArrayNode box = node.putArray("bbox");
      for (double v : a.bbox()) {
        box.add(v);
      }
    }
    return root;
  }

  private static ArrayNode resultsJson(Scenes scenes) {
    ArrayNode results = MAPPER.createArrayNode();
    for (CocoDetection d : scenes.detections()) {
      ObjectNode node = results.addObject();
      node.put("image_id", d.imageId().number()).put("category_id", d.categoryId());
      node.put("score", d.score());
      ArrayNode box = node.putArray("bbox");
      for (double v : d.bbox()) {
        box.add(v);
      }
    }
    return results;
  }

  private static CocoEvaluation evaluateJson(JsonNode gt, JsonNode dt) {
    CocoDataset dataset = CocoDatasetReader.parse(gt, IouType.BBOX);
    return CocoEvaluator.evaluate(
        dataset, CocoResultsReader.parse(dt, dataset, IouType.BBOX), IouType.BBOX);
  }

  private static ArrayNode shuffled(ArrayNode array, Random random) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    Collections.shuffle(items, random);
    ArrayNode copy = MAPPER.createArrayNode();
    items.forEach(copy::add);
    return copy;
  }
}
