package io.mambastream.heads.eval.mot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Invariances every MOT metric must have, on random crowded scenes. */
class MotPropertiesTest {

  @Property(tries = 40, seed = "20261127")
  void perfectPredictionScoresOne(@ForAll long seed) {
    MotSequence gt = randomGroundTruth(new Random(seed));
    List<MotBox> same = new ArrayList<>();
    for (MotBox b : gt.boxes()) {
      same.add(new MotBox(b.frame(), b.id() + 1000, b.x(), b.y(), b.w(), b.h(), 0.9));
    }
    Map<String, Number> m = MotEvaluation.evaluate(gt, new MotSequence("S", same)).metrics();
    assertThat(m.get("mota").doubleValue()).isEqualTo(1.0);
    assertThat(m.get("idf1").doubleValue()).isEqualTo(1.0);
    assertThat(m.get("motp").doubleValue()).isEqualTo(0.0);
    assertThat(m.get("HOTA").doubleValue()).isCloseTo(1.0, within(1e-12));
    assertThat(m.get("LocA").doubleValue()).isCloseTo(1.0, within(1e-12));
  }

  @Property(tries = 40, seed = "20261127")
  void relabellingPredictionIdsChangesNothing(@ForAll long seed) {
    Random random = new Random(seed);
    MotSequence gt = randomGroundTruth(random);
    MotSequence pred = noisyPrediction(gt, random);
    List<Integer> ids = pred.boxes().stream().map(MotBox::id).distinct().toList();
    List<Integer> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, random);
    Map<Integer, Integer> relabel = new HashMap<>();
    for (int k = 0; k < ids.size(); k++) {
      relabel.put(ids.get(k), 5000 - 7 * shuffled.get(k));
    }
    List<MotBox> renamed = new ArrayList<>();
    for (MotBox b : pred.boxes()) {
      renamed.add(new MotBox(b.frame(), relabel.get(b.id()), b.x(), b.y(), b.w(), b.h(), b.conf()));
    }
    assertSame(
        MotEvaluation.evaluate(gt, pred).metrics(),
        MotEvaluation.evaluate(gt, new MotSequence("S", renamed)).metrics());
  }

  @Property(tries = 40, seed = "20261127")
  void permutingLinesChangesNothing(@ForAll long seed) {
    Random random = new Random(seed);
    MotSequence gt = randomGroundTruth(random);
    MotSequence pred = noisyPrediction(gt, random);
    List<MotBox> gtLines = new ArrayList<>(gt.boxes());
    List<MotBox> predLines = new ArrayList<>(pred.boxes());
    Collections.shuffle(gtLines, random);
    Collections.shuffle(predLines, random);
    assertSame(
        MotEvaluation.evaluate(gt, pred).metrics(),
        MotEvaluation.evaluate(new MotSequence("S", gtLines), new MotSequence("S", predLines))
            .metrics());
  }

  private static void assertSame(Map<String, Number> a, Map<String, Number> b) {
    assertThat(b.keySet()).isEqualTo(a.keySet());
    a.forEach(
        (k, v) -> {
          double x = v.doubleValue();
          double y = b.get(k).doubleValue();
          if (Double.isNaN(x)) {
            assertThat(y).as(k).isNaN();
          } else {
            assertThat(y).as(k).isCloseTo(x, within(1e-12));
          }
        });
  }

  /** 3-7 objects moving in a 60-pixel area over 12 frames, each with a gap now and then. */
  static MotSequence randomGroundTruth(Random random) {
    List<MotBox> boxes = new ArrayList<>();
    int objects = 3 + random.nextInt(5);
    for (int o = 1; o <= objects; o++) {
      int start = 1 + random.nextInt(4);
      int end = start + 3 + random.nextInt(8);
      double x = 60 * random.nextDouble();
      double y = 60 * random.nextDouble();
      double vx = 4 * random.nextDouble() - 2;
      double vy = 4 * random.nextDouble() - 2;
      double w = 10 + 30 * random.nextDouble();
      double h = 10 + 30 * random.nextDouble();
      for (int f = start; f <= end; f++) {
        if (random.nextDouble() < 0.1) {
          continue;
        }
        int t = f - start;
        boxes.add(new MotBox(f, o, x + vx * t, y + vy * t, w, h, 1));
      }
    }
    return new MotSequence("S", boxes);
  }

  /** Jittered copies with misses, id switches and a few false positives. */
  static MotSequence noisyPrediction(MotSequence gt, Random random) {
    List<MotBox> boxes = new ArrayList<>();
    Map<Integer, Integer> id = new HashMap<>();
    int next = 100;
    for (MotBox b : gt.boxes()) {
      if (random.nextDouble() < 0.15) {
        continue;
      }
      if (!id.containsKey(b.id()) || random.nextDouble() < 0.08) {
        id.put(b.id(), next++);
      }
      double s = 0.5 + 5 * random.nextDouble();
      boxes.add(
          new MotBox(
              b.frame(),
              id.get(b.id()),
              b.x() + s * random.nextGaussian(),
              b.y() + s * random.nextGaussian(),
              Math.max(2, b.w() + s * random.nextGaussian()),
              Math.max(2, b.h() + s * random.nextGaussian()),
              random.nextDouble()));
    }
    for (int k = 0; k < 4; k++) {
      boxes.add(
          new MotBox(
              1 + random.nextInt(14),
              next++,
              60 * random.nextDouble(),
              60 * random.nextDouble(),
              10 + 30 * random.nextDouble(),
              10 + 30 * random.nextDouble(),
              0.5));
    }
    return new MotSequence("S", boxes);
  }
}
