package io.mambastream.heads.eval.mot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compares every metric with py-motmetrics and TrackEval on the committed fixture, whose expected
 * values {@code src/test/resources/mot/make_fixtures.py} produced by running both tools.
 */
class ReferenceFixtureTest {

  @Test
  void everyMetricMatchesTheReferenceTools() throws Exception {
    Path root = Path.of(getClass().getResource("/mot/fixture").toURI());
    JsonNode expected = new ObjectMapper().readTree(root.resolve("expected.json").toFile());
    List<MotEvaluation> results = new ArrayList<>();
    for (SequencePair pair : SequencePairing.pair(root.resolve("gt"), root.resolve("pred"))) {
      MotEvaluation result =
          MotEvaluation.evaluate(
              MotFileReader.read(pair.gt(), pair.name()),
              MotFileReader.read(pair.pred(), pair.name()));
      results.add(result);
      check(result.metrics(), expected.get("sequences").get(pair.name()), pair.name());
    }
    assertThat(results).hasSize(expected.get("sequences").size());
    check(MotEvaluation.overall(results).metrics(), expected.get("overall"), "OVERALL");
  }

  private static void check(Map<String, Number> actual, JsonNode expected, String where) {
    assertThat(expected).as(where).isNotNull();
    actual.forEach(
        (metric, value) -> {
          JsonNode e = expected.get(metric);
          assertThat(e).as(where + " " + metric + " in expected.json").isNotNull();
          double v = value.doubleValue();
          if (e.isNull()) {
            assertThat(Double.isFinite(v)).as(where + " " + metric).isFalse();
          } else {
            assertThat(v)
                .as(where + " " + metric)
                .isCloseTo(e.asDouble(), org.assertj.core.data.Offset.offset(1e-9));
          }
        });
  }
}
