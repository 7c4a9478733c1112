package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eval coco} end to end on the hand-worked case of {@code CocoEvaluatorTest}: one image,
 * objects A = [0,0,10,10] and B = [20,0,10,10], detections A exactly (0.9), half of B (0.8, IoU
 * 0.5) and a stray box (0.7): AP = 560/1010, AP@0.5 = 1, AR@100 = 0.55.
 */
class EvalCocoCommandTest {
  /** What pycocotools 2.0.11 prints for this case (its summarize() output, verbatim). */
  private static final List<String> PYCOCOTOOLS_SUMMARY =
      List.of(
          " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.554",
          " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 1.000",
          " Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 0.505",
          " Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.554",
          " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000",
          " Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = -1.000",
          " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.500",
          " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = 0.550",
          " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.550",
          " Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.550",
          " Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000",
          " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = -1.000");

  private static final String GT =
      """
      {"images": [{"id": 1, "height": 100, "width": 100}],
       "categories": [{"id": 1, "name": "box"}],
       "annotations": [
         {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 100,
          "iscrowd": 0},
         {"id": 2, "image_id": 1, "category_id": 1, "bbox": [20, 0, 10, 10], "area": 100,
          "iscrowd": 0}]}
      """;

  private static final String DT =
      """
      [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9},
       {"image_id": 1, "category_id": 1, "bbox": [20, 0, 10, 5], "score": 0.8},
       {"image_id": 1, "category_id": 1, "bbox": [50, 50, 10, 10], "score": 0.7}]
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = MambastreamCommand.commandLine();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    return line.execute(args);
  }

  private List<String> files(String gt, String dt) throws Exception {
    Path gtFile = Files.writeString(dir.resolve("gt.json"), gt);
    Path dtFile = Files.writeString(dir.resolve("dt.json"), dt);
    return List.of("eval", "coco", "--gt", gtFile.toString(), "--dt", dtFile.toString());
  }

  @Test
  void printsPycocotoolsSummaryVerbatim() throws Exception {
    List<String> args = new ArrayList<>(files(GT, DT));
    args.addAll(List.of("--iou", "bbox"));

    int code = run(args.toArray(String[]::new));

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString().lines()).containsExactlyElementsOf(PYCOCOTOOLS_SUMMARY);
  }

  @Test
  void jsonHoldsNamedStatsAndPerCategoryAtFullPrecision() throws Exception {
    List<String> args = new ArrayList<>(files(GT, DT));
    args.addAll(List.of("--iou", "bbox", "--json"));

    int code = run(args.toArray(String[]::new));

    assertThat(code).as(err.toString()).isZero();
    JsonNode json = JsonOutput.mapper().readTree(out.toString());
    assertThat(json.get("iouType").asText()).isEqualTo("bbox");
    List<String> names = new ArrayList<>();
    json.get("stats").fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl");
    // pycocotools: 0.5544554455445545 (= 560/1010 to the last bit), -1 where undefined.
    assertThat(json.get("stats").get("AP").asDouble()).isEqualTo(0.5544554455445545);
    assertThat(json.get("stats").get("APm").asDouble()).isEqualTo(-1.0);
    JsonNode category = json.get("perCategory").get(0);
    assertThat(category.get("id").asLong()).isEqualTo(1);
    assertThat(category.get("name").asText()).isEqualTo("box");
    assertThat(category.get("AP").asDouble()).isEqualTo(0.5544554455445545);
  }

  @Test
  void malformedInputExitsTwoNamingTheRecord() throws Exception {
    String badDt = "[{\"image_id\": 7, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 1}]";
    List<String> args = new ArrayList<>(files(GT, badDt));
    args.addAll(List.of("--iou", "bbox"));

    int code = run(args.toArray(String[]::new));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("result #0 (image_id 7): unknown image_id 7");
  }

  @Test
  void unknownIouTypeExitsTwo() throws Exception {
    List<String> args = new ArrayList<>(files(GT, DT));
    args.addAll(List.of("--iou", "keypoints"));

    assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
    assertThat(err.toString()).contains("unknown IoU type 'keypoints' (expected bbox or segm)");
  }
}
