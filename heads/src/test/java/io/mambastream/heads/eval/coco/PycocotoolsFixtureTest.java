package io.mambastream.heads.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the evaluator with pycocotools' own numbers on random datasets (written by {@code
 * heads/src/test/scripts/coco_fixtures.py}): crowds, areas on the range bounds, polygons,
 * compressed and uncompressed RLE, string image ids, images without detections, more than 100
 * detections on an image, tied scores, an annotation with id 0, and both of {@code loadRes}'
 * branches. The 12 numbers and the per-category numbers must be equal to the last bit.
 */
class PycocotoolsFixtureTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("boxes", IouType.BBOX),
        Arguments.of("string-ids", IouType.BBOX),
        Arguments.of("masks", IouType.SEGM),
        Arguments.of("masks", IouType.BBOX),
        Arguments.of("box-results-on-masks", IouType.SEGM),
        Arguments.of("box-results-on-masks", IouType.BBOX));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesPycocotoolsExactly(String name, IouType iouType) throws IOException {
    CocoDataset dataset = CocoDatasetReader.parse(resource(name + ".gt.json"), iouType);
    List<CocoDetection> detections =
        CocoResultsReader.parse(resource(name + ".dt.json"), dataset, iouType);
    JsonNode expected = resource(name + ".expected.json").get(iouType.label());

    CocoEvaluation evaluation = CocoEvaluator.evaluate(dataset, detections, iouType);

    assertThat(evaluation.stats()).containsExactly(doubles(expected.get("stats")));
    for (int k = 0; k < evaluation.categories().size(); k++) {
      String id = Long.toString(evaluation.categories().get(k).id());
      assertThat(evaluation.perCategory()[k])
          .as("category %s", id)
          .containsExactly(doubles(expected.get("perCategory").get(id)));
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).doubleValue();
    }
    return values;
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = PycocotoolsFixtureTest.class.getResourceAsStream("/coco/" + name)) {
      assertThat(in).as(name).isNotNull();
      return MAPPER.readTree(in);
    }
  }
}
