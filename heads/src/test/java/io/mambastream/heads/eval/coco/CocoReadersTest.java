package io.mambastream.heads.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground-truth and results readers: loadRes semantics, and errors that name the record. */
class CocoReadersTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Two 10×10 images, one category, one 4×4 box object with a square polygon. */
  private static final String GT =
      """
      {"images": [{"id": 1, "height": 10, "width": 10}, {"id": 2, "height": 10, "width": 10}],
       "categories": [{"id": 3, "name": "cat"}],
       "annotations": [{"id": 5, "image_id": 1, "category_id": 3, "area": 16, "iscrowd": 0,
                        "bbox": [2, 2, 4, 4], "segmentation": [[2, 2, 2, 6, 6, 6, 6, 2]]}]}
      """;

  private static JsonNode json(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  private static CocoDataset gt(IouType type) throws IOException {
    return CocoDatasetReader.parse(json(GT), type);
  }

  private static List<CocoDetection> results(String text, IouType type) throws IOException {
    return CocoResultsReader.parse(json(text), gt(type), type);
  }

  @Test
  void readsFilesAndAcceptsABareListOrAnAnnotationsObject(@TempDir Path dir) throws IOException {
    Path gtFile = Files.writeString(dir.resolve("gt.json"), GT);
    String list = "[{\"image_id\": 1, \"category_id\": 3, \"score\": 0.5, \"bbox\": [2,2,4,4]}]";
    Path bare = Files.writeString(dir.resolve("bare.json"), list);
    Path wrapped =
        Files.writeString(dir.resolve("wrapped.json"), "{\"annotations\": " + list + "}");

    CocoDataset dataset = CocoDatasetReader.read(gtFile, IouType.BBOX);
    List<CocoDetection> fromBare = CocoResultsReader.read(bare, dataset, IouType.BBOX);
    List<CocoDetection> fromWrapped = CocoResultsReader.read(wrapped, dataset, IouType.BBOX);

    assertThat(fromBare).hasSize(1);
    assertThat(fromWrapped.get(0).bbox()).containsExactly(fromBare.get(0).bbox());
    assertThat(CocoEvaluator.evaluate(dataset, fromBare, IouType.BBOX).stat(CocoStat.AR100))
        .isEqualTo(1.0);
  }

  @Test
  void fileErrorsNameTheFile(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"images\": [");
    Path gtFile = Files.writeString(dir.resolve("gt.json"), GT);
    Path badResults = Files.writeString(dir.resolve("dt.json"), "[{\"image_id\": 1}]");

    assertThatThrownBy(() -> CocoDatasetReader.read(broken, IouType.BBOX))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(broken + ": not valid JSON at line 1");
    CocoDataset dataset = CocoDatasetReader.read(gtFile, IouType.BBOX);
    assertThatThrownBy(() -> CocoResultsReader.read(badResults, dataset, IouType.BBOX))
        .hasMessage(badResults + ": result #0: a result needs a 'bbox' or a 'segmentation'");
  }

  /** loadRes: ids are index + 1; a box result's area is w·h, even when masks are evaluated. */
  @Test
  void boxResultsGetIdsAreaAndACornerPolygon() throws IOException {
    List<CocoDetection> dts =
        results(
            """
            [{"image_id": 1, "category_id": 3, "score": 0.5, "bbox": [1, 1, 3, 5], "id": 77,
              "area": 1, "iscrowd": 1}]
            """,
            IouType.SEGM);

    CocoDetection d = dts.get(0);
    assertThat(d.id()).isEqualTo(1);
    assertThat(d.area()).isEqualTo(15.0);
    // Corner polygon of [1,1,3,5]: x ∈ [1,4] holds centres 1.5..3.5 (columns 1-3), y ∈ [1,6] rows
    // 1-5.
    assertThat(d.segmentation().toRle(10, 10).area()).isEqualTo(15);
  }

  /** The first result decides: without a box, areas are mask areas and boxes mask boxes. */
  @Test
  void maskResultsGetMaskAreaAndBox() throws IOException {
    List<CocoDetection> dts =
        results(
            """
            [{"image_id": 1, "category_id": 3, "score": 0.5,
              "segmentation": {"size": [10, 10], "counts": [22, 3, 7, 3, 65]}}]
            """,
            IouType.BBOX);

    // Runs: 22 zeros, then rows 2-4 of column 2, then rows 2-4 of column 3: 6 pixels.
    assertThat(dts.get(0).area()).isEqualTo(6.0);
    assertThat(dts.get(0).bbox()).containsExactly(2, 2, 2, 3);
  }

  @Test
  void emptyResultsAreNoDetections() throws IOException {
    CocoDataset dataset = gt(IouType.BBOX);
    List<CocoDetection> none = CocoResultsReader.parse(json("[]"), dataset, IouType.BBOX);

    assertThat(none).isEmpty();
    assertThat(CocoEvaluator.evaluate(dataset, none, IouType.BBOX).stat(CocoStat.AP)).isZero();
  }

  @Test
  void stringImageIds() throws IOException {
    CocoDataset dataset =
        CocoDatasetReader.parse(
            json(
                """
                {"images": [{"id": "b"}, {"id": "a"}], "categories": [{"id": 1}],
                 "annotations": [{"id": 1, "image_id": "b", "category_id": 1, "area": 4,
                                  "bbox": [0, 0, 2, 2]}]}
                """),
            IouType.BBOX);

    assertThat(dataset.images().keySet()).containsExactly(ImageId.of("a"), ImageId.of("b"));
    assertThat(dataset.annotations().get(0).crowd()).isFalse();
  }

  @Test
  void unknownImageInResultsNamesTheRecord() {
    assertThatThrownBy(
            () ->
                results(
                    """
                    [{"image_id": 1, "category_id": 3, "score": 0.5, "bbox": [0, 0, 1, 1]},
                     {"image_id": 99, "category_id": 3, "score": 0.5, "bbox": [0, 0, 1, 1]}]
                    """,
                    IouType.BBOX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("result #1 (image_id 99): unknown image_id 99");
  }

  @Test
  void unknownCategoryInResultsNamesTheRecord() {
    assertThatThrownBy(
            () ->
                results(
                    "[{\"image_id\": 2, \"category_id\": 4, \"score\": 1, \"bbox\": [0,0,1,1]}]",
                    IouType.BBOX))
        .hasMessage("result #0 (image_id 2): unknown category_id 4");
  }

  @Test
  void badBoxNamesTheRecord() {
    assertThatThrownBy(
            () ->
                results(
                    """
                    [{"image_id": 1, "category_id": 3, "score": 0.5, "bbox": [0, 0, 1, 1]},
                     {"image_id": 2, "category_id": 3, "score": 0.5, "bbox": [0, 0, 1]}]
                    """,
                    IouType.BBOX))
        .hasMessageStartingWith("result #1 (image_id 2): bad bbox [0,0,1]");
    assertThatThrownBy(
            () ->
                results(
                    "[{\"image_id\": 1, \"category_id\": 3, \"score\": 1, \"bbox\": [0,0,-1,1]}]",
                    IouType.BBOX))
        .hasMessageContaining("negative width or height");
  }

  @Test
  void missingScoreOrBoxNamesTheRecord() {
    assertThatThrownBy(
            () ->
                results(
                    "[{\"image_id\": 1, \"category_id\": 3, \"bbox\": [0,0,1,1]}]", IouType.BBOX))
        .hasMessage("result #0 (image_id 1): missing 'score'");
    assertThatThrownBy(
            () ->
                results(
                    """
                    [{"image_id": 1, "category_id": 3, "score": 0.5, "bbox": [0, 0, 1, 1]},
                     {"image_id": 1, "category_id": 3, "score": 0.5, "segmentation": [[0,0,1,1,2,2]]}]
                    """,
                    IouType.SEGM))
        .hasMessageStartingWith("result #1 (image_id 1): missing 'bbox'");
  }

  @Test
  void badRleNamesTheRecord() {
    assertThatThrownBy(
            () ->
                results(
                    """
                    [{"image_id": 1, "category_id": 3, "score": 0.5,
                      "segmentation": {"size": [10, 10], "counts": [20, 3]}}]
                    """,
                    IouType.SEGM))
        .hasMessageStartingWith("result #0 (image_id 1): bad RLE")
        .hasMessageContaining("sum to 23");
  }

  @Test
  void groundTruthErrorsNameTheAnnotation() {
    String unknownImage =
        """
        {"images": [{"id": 1}], "categories": [{"id": 1}],
         "annotations": [{"id": 8, "image_id": 2, "category_id": 1, "area": 1, "bbox": [0,0,1,1]}]}
        """;
    assertThatThrownBy(() -> CocoDatasetReader.parse(json(unknownImage), IouType.BBOX))
        .hasMessage("annotation #0 (id 8): unknown image_id 2");

    String duplicate =
        """
        {"images": [{"id": 1}], "categories": [{"id": 1}],
         "annotations": [{"id": 8, "image_id": 1, "category_id": 1, "area": 1, "bbox": [0,0,1,1]},
                         {"id": 8, "image_id": 1, "category_id": 1, "area": 1, "bbox": [0,0,1,1]}]}
        """;
    assertThatThrownBy(() -> CocoDatasetReader.parse(json(duplicate), IouType.BBOX))
        .hasMessage("annotation #1 (id 8): duplicate annotation id");

    String shortPolygon =
        """
        {"images": [{"id": 1, "height": 5, "width": 5}], "categories": [{"id": 1}],
         "annotations": [{"id": 8, "image_id": 1, "category_id": 1, "area": 1,
                          "segmentation": [[0, 0, 1, 1]]}]}
        """;
    assertThatThrownBy(() -> CocoDatasetReader.parse(json(shortPolygon), IouType.SEGM))
        .hasMessageStartingWith("annotation #0 (id 8): bad segmentation [[0,0,1,1]]");

    String noSize =
        """
        {"images": [{"id": 1}], "categories": [{"id": 1}],
         "annotations": [{"id": 8, "image_id": 1, "category_id": 1, "area": 1,
                          "segmentation": [[0, 0, 1, 1, 2, 0]]}]}
        """;
    assertThatThrownBy(() -> CocoDatasetReader.parse(json(noSize), IouType.SEGM))
        .hasMessageContaining("image 1 has no height and width");

    String mixedIds = "{\"images\": [{\"id\": 1}, {\"id\": \"x\"}], \"categories\": []}";
    assertThatThrownBy(() -> CocoDatasetReader.parse(json(mixedIds), IouType.BBOX))
        .hasMessageContaining("mixes integer and string image ids");
  }

  @Test
  void resultsMustBeAList() {
    assertThatThrownBy(() -> results("{\"image_id\": 1}", IouType.BBOX))
        .hasMessageStartingWith("results: expected a list of detections");
  }
}
