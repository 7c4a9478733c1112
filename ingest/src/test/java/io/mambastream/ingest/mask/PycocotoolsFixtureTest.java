package io.mambastream.ingest.mask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares with what pycocotools computed for random masks ({@code pycocotools-rle.json}, written
 * by {@code ingest/src/test/scripts/rle_fixture.py}): string, area and box.
 */
class PycocotoolsFixtureTest {

  record Case(String name, int height, int width, boolean[] mask, JsonNode expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws IOException {
    try (InputStream in =
        PycocotoolsFixtureTest.class.getResourceAsStream("pycocotools-rle.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Case> cases = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        int h = c.get("height").asInt();
        int w = c.get("width").asInt();
        boolean[] mask = new boolean[h * w];
        if (c.has("rows")) {
          for (int r = 0; r < h; r++) {
            String row = c.get("rows").get(r).asText();
            for (int col = 0; col < w; col++) {
              mask[r * w + col] = row.charAt(col) == '1';
            }
          }
        } else {
          JsonNode rect = c.get("rect"); // [r0, r1, c0, c1), end-exclusive as numpy slices
          for (int r = rect.get(0).asInt(); r < rect.get(1).asInt(); r++) {
            for (int col = rect.get(2).asInt(); col < rect.get(3).asInt(); col++) {
              mask[r * w + col] = true;
            }
          }
        }
        cases.add(new Case("case " + cases.size() + " " + h + "x" + w, h, w, mask, c));
      }
      return cases;
    }
  }

  static List<JsonNode> iouCases() throws IOException {
    try (InputStream in =
        PycocotoolsFixtureTest.class.getResourceAsStream("pycocotools-rle.json")) {
      List<JsonNode> cases = new ArrayList<>();
      new ObjectMapper().readTree(in).get("ious").forEach(cases::add);
      return cases;
    }
  }

  private static boolean[] rows(JsonNode rows, int h, int w) {
    boolean[] mask = new boolean[h * w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        mask[r * w + c] = rows.get(r).asText().charAt(c) == '1';
      }
    }
    return mask;
  }

  @ParameterizedTest
  @MethodSource("iouCases")
  void iouAndMergeMatchPycocotools(JsonNode c) {
    int h = c.get("height").asInt();
    int w = c.get("width").asInt();
    Rle a = Rle.encode(rows(c.get("a"), h, w), h, w);
    Rle b = Rle.encode(rows(c.get("b"), h, w), h, w);
    assertThat(Rle.iou(a, b, false)).isEqualTo(c.get("iou").asDouble());
    assertThat(Rle.iou(a, b, true)).isEqualTo(c.get("iou_crowd").asDouble());
    assertThat(Rle.union(List.of(a, b)).toCompressedString()).isEqualTo(c.get("union").asText());
    assertThat(Rle.intersection(List.of(a, b)).toCompressedString())
        .isEqualTo(c.get("intersection").asText());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesPycocotools(Case c) {
    Rle rle = Rle.encode(c.mask(), c.height(), c.width());
    String compressed = c.expected().get("compressed").asText();
    assertThat(rle.toCompressedString()).isEqualTo(compressed);
    assertThat(Rle.fromCompressedString(compressed, c.height(), c.width())).isEqualTo(rle);
    assertThat(rle.area()).isEqualTo(c.expected().get("area").asLong());
    double[] bbox = new double[4];
    for (int i = 0; i < 4; i++) {
      bbox[i] = c.expected().get("bbox").get(i).asDouble();
    }
    assertThat(rle.toBbox()).containsExactly(bbox);
    assertThat(rle.decode()).containsExactly(c.mask());
  }
}
