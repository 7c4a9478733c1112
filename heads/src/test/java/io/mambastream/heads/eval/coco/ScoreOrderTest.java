package io.mambastream.heads.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The stable descending order of scores, as numpy's mergesort of the negated scores. */
class ScoreOrderTest {

  /** Highest first; the two 0.5s and the two zeros (one of them -0.0) keep their index order. */
  @Test
  void descendingWithTiesInIndexOrder() {
    double[] scores = {0.5, 0.0, 0.9, 0.5, -0.0, 0.1};

    assertThat(ScoreOrder.descending(scores)).containsExactly(2, 0, 3, 5, 1, 4);
  }

  /** Agrees with a stable library sort on random scores drawn from few values (many ties). */
  @Property(tries = 50, seed = "20261127")
  void agreesWithAStableSort(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] scores = new double[random.nextInt(0, 300)];
    Arrays.setAll(scores, i -> random.nextInt(8) / 8.0);
    int[] expected =
        IntStream.range(0, scores.length)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> -scores[i])) // List sort: stable
            .mapToInt(Integer::intValue)
            .toArray();

    assertThat(ScoreOrder.descending(scores)).containsExactly(expected);
  }
}
