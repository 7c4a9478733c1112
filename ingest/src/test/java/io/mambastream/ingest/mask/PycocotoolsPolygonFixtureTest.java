package io.mambastream.ingest.mask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares polygon and box rasterisation, mask IoU and {@code toBbox} with pycocotools on the cases
 * of {@code pycocotools-polygons.json} (written by {@code
 * ingest/src/test/scripts/polygon_fixture.py}): masks must be identical run for run, IoUs equal to
 * the bit.
 */
class PycocotoolsPolygonFixtureTest {
  private static JsonNode fixture;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        PycocotoolsPolygonFixtureTest.class.getResourceAsStream("pycocotools-polygons.json")) {
      fixture = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void polygonsRasteriseAsPycocotools() {
    assertThat(fixture.get("polygons")).hasSizeGreaterThan(100);
    for (JsonNode c : fixture.get("polygons")) {
      int h = c.get("height").asInt();
      int w = c.get("width").asInt();
      Rle mask = PolygonMask.fromPolygon(doubles(c.get("polygon")), h, w);
      assertThat(mask.toCompressedString()).as("%s", c).isEqualTo(c.get("counts").asText());
    }
  }

  @Test
  void boxesRasteriseAsPycocotools() {
    for (JsonNode c : fixture.get("boxes")) {
      int h = c.get("height").asInt();
      int w = c.get("width").asInt();
      Rle mask = PolygonMask.fromBox(doubles(c.get("box")), h, w);
      assertThat(mask.toCompressedString()).as("%s", c).isEqualTo(c.get("counts").asText());
    }
  }

  @Test
  void iouIsPycocotoolsIou() {
    for (JsonNode c : fixture.get("ious")) {
      int h = c.get("height").asInt();
      int w = c.get("width").asInt();
      Rle dt = Rle.fromCompressedString(c.get("dt").asText(), h, w);
      Rle gt = Rle.fromCompressedString(c.get("gt").asText(), h, w);
      assertThat(MaskIou.iou(dt, gt, c.get("crowd").asBoolean()))
          .as("%s", c)
          .isEqualTo(c.get("iou").asDouble());
    }
  }

  @Test
  void toBboxIsPycocotoolsToBboxEvenWithEmptyRuns() {
    for (JsonNode c : fixture.get("toBbox")) {
      int[] counts = new int[c.get("counts").size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = c.get("counts").get(i).asInt();
      }
      Rle rle = new Rle(c.get("height").asInt(), c.get("width").asInt(), counts);
      assertThat(rle.toBbox()).as("%s", c).containsExactly(doubles(c.get("bbox")));
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
