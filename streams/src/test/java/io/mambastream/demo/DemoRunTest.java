package io.mambastream.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mambastream.ingest.scenes.dataset.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRunTest {

  @Test
  void writesTheClipItsGroundTruthAndAnnotatedFramesAndAgreesAcrossScans(@TempDir Path out)
      throws Exception {
    List<Long> progress = new ArrayList<>();
    DemoSummary summary =
        new DemoRun(new DemoConfig(out, 3, 0, 64, 1), (done, total) -> progress.add(done)).run();

    assertThat(out.resolve("scenes/test/annotations.json")).isRegularFile();
    assertThat(out.resolve("preview.png")).isRegularFile();
    try (var annotated = Files.list(out.resolve("annotated"))) {
      assertThat(annotated.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("000001.png", "000002.png", "000003.png");
    }
    // The per-class counts cover exactly the objects written to the COCO file.
    JsonNode coco =
        new ObjectMapper().readTree(out.resolve("scenes/test/annotations.json").toFile());
    long perClassTotal =
        summary.objectsPerClass().values().stream().mapToLong(Long::longValue).sum();
    assertThat(perClassTotal).isEqualTo(coco.get("annotations").size()).isPositive();
    assertThat(summary.scenes().frames()).isEqualTo(3);

    ItemClassification classification = summary.classification();
    assertThat(classification.objects())
        .isEqualTo(classification.predictions().size())
        .isPositive();
    assertThat(classification.recordedTestAccuracy()).isBetween(0.5, 1.0);
    assertThat(classification.predictions())
        .allSatisfy(p -> assertThat(p.probability()).isBetween(0.0, 1.0));
    assertThat(classification.correct())
        .isEqualTo(
            (int)
                classification.predictions().stream()
                    .filter(p -> p.truth().equals(p.predicted()))
                    .count());

    BackboneCheck backbone = summary.backbone();
    assertThat(backbone.featureShape()).containsExactly(192, 4, 4); // 64 px / patch 16
    assertThat(backbone.maxRelativeDifference()).isLessThan(1e-4);
    assertThat(backbone.scan()).isEqualTo("chunked"); // the second scan on the CPU
    assertThat(progress).last().isEqualTo(7L); // 3 scene frames + 3 annotated + 1 backbone
  }

  @Test
  void replacesAnEarlierRunButKeepsForeignFiles(@TempDir Path out) throws Exception {
    Path foreign = Files.writeString(out.resolve("notes.txt"), "mine");
    DemoConfig config = new DemoConfig(out, 2, 1, 64, 0);
    new DemoRun(config, ProgressListener.NONE).run();
    DemoSummary again = new DemoRun(config, ProgressListener.NONE).run();
    assertThat(foreign).hasContent("mine");
    assertThat(again.backbone()).isNull();
  }

  @Test
  void refusesSizesThePatchGridCannotTile() {
    assertThatThrownBy(() -> new DemoConfig(Path.of("x"), 2, 0, 100, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 16");
  }
}
