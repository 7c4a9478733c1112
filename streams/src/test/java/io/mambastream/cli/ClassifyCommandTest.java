package io.mambastream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.train.ClassifierConfig;
import io.mambastream.backbones.train.FashionNormalization;
import io.mambastream.backbones.train.ModelArtifact;
import io.mambastream.backbones.train.ModelCard;
import io.mambastream.ingest.fashion.FashionMnist;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify}, {@code eval classify} and {@code zoo} on a tiny model directory. */
class ClassifyCommandTest {

  private static final ClassifierConfig TINY =
      ClassifierConfig.preset("vim-tiny")
          .withEmbedDim(16)
          .withDepth(2)
          .withDState(4)
          .withPatchSize(7);

  @TempDir Path dir;

  private Path model;

  @BeforeEach
  void tinyModel() throws IOException {
    model = dir.resolve("tiny");
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(11);
      Backbone block = TINY.build(new ChunkedScan());
      ModelArtifact.initialize(block, TINY, manager);
      ModelArtifact.write(
          model,
          new ModelCard(
              "tiny",
              TINY,
              FashionMnist.CLASS_NAMES,
              FashionNormalization.MEAN,
              FashionNormalization.STD,
              Map.of("test_accuracy", 0.1),
              Map.of()),
          block);
    }
  }

  /** Runs {@code classify --input --json} on bundled sample items, normalised as in training. */
  private JsonNode classifySampleItems(int... items) throws IOException {
    FashionMnist sample = FashionMnist.bundledSample();
    float[] values = new float[items.length * FashionMnist.PIXELS];
    for (int i = 0; i < values.length; i++) {
      byte[] item = sample.image(items[i / FashionMnist.PIXELS]);
      values[i] = FashionNormalization.normalizeByte(item[i % FashionMnist.PIXELS] & 0xff);
    }
    Path npy = dir.resolve("items.npy");
    writeNpy(npy, values, items.length, 1, 28, 28);
    CommandRun run =
        CommandRun.of("classify", "--model", model.toString(), "--input", npy.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JsonOutput.mapper().readTree(run.out());
  }

  /** Writes a float32 .npy (format 1.0, little-endian, C order). */
  private static void writeNpy(Path file, float[] values, int... shape) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String header =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().strip() + "), }";
    int unpadded = 10 + header.length() + 1;
    header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer buffer =
        ByteBuffer.allocate(10 + header.length() + 4 * values.length)
            .order(ByteOrder.LITTLE_ENDIAN);
    buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1);
    buffer.put((byte) 0).putShort((short) header.length());
    buffer.put(header.getBytes(StandardCharsets.US_ASCII));
    for (float v : values) {
      buffer.putFloat(v);
    }
    Files.write(file, buffer.array());
  }

  @Test
  void classifyPrintsLogitsOfAnNpyTensorAsJson() throws IOException {
    // Two copies of sample item 0, normalised as in training: both rows must be the same.
    JsonNode json = classifySampleItems(0, 0);
    JsonNode logits = json.get("logits");
    assertThat(logits.size()).isEqualTo(2);
    assertThat(logits.get(0).size()).isEqualTo(10);
    assertThat(logits.get(1)).isEqualTo(logits.get(0));
    int best = 0;
    for (int k = 1; k < 10; k++) {
      if (logits.get(0).get(k).asDouble() > logits.get(0).get(best).asDouble()) {
        best = k;
      }
    }
    assertThat(json.get("predicted").get(0).asInt()).isEqualTo(best);
  }

  @Test
  void classifyRejectsAWrongTensorShape() throws IOException {
    Path npy = dir.resolve("bad.npy");
    writeNpy(npy, new float[4], 1, 1, 2, 2);
    CommandRun run =
        CommandRun.of("classify", "--model", model.toString(), "--input", npy.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("(B, 1, 28, 28)");
  }

  @Test
  void evalClassifyReportsAccuracyOnTheSample() throws IOException {
    CommandRun run =
        CommandRun.of(
            "eval", "classify", "--model", model.toString(), "--sample", "--limit", "20", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JsonOutput.mapper().readTree(run.out());
    assertThat(json.get("items").asInt()).isEqualTo(20);
    double accuracy = json.get("accuracy").asDouble();
    // accuracy is a multiple of 1/20
    assertThat(accuracy * 20)
        .isCloseTo(Math.rint(accuracy * 20), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(json.get("recorded_test_accuracy").asDouble()).isEqualTo(0.1);
  }

  @Test
  void evalClassifyBreaksAccuracyDownByClassAndDrawsTheConfusionMatrix() throws IOException {
    Path png = dir.resolve("confusion.png");
    CommandRun run =
        CommandRun.of(
            "eval",
            "classify",
            "--model",
            model.toString(),
            "--sample",
            "--limit",
            "40",
            "--json",
            "--confusion-png",
            png.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JsonOutput.mapper().readTree(run.out());

    // The same 40 items through the other path, `classify --input` on a normalised tensor.
    FashionMnist sample = FashionMnist.bundledSample();
    JsonNode predicted = classifySampleItems(IntStream.range(0, 40).toArray()).get("predicted");
    long[][] expected = new long[10][10];
    for (int i = 0; i < 40; i++) {
      expected[sample.label(i)][predicted.get(i).asInt()]++;
    }

    JsonNode confusion = json.get("confusion");
    JsonNode perClass = json.get("per_class");
    assertThat(perClass).hasSize(10);
    for (int k = 0; k < 10; k++) {
      long items = 0;
      long predictedAsK = 0;
      for (int p = 0; p < 10; p++) {
        assertThat(confusion.get(k).get(p).asLong())
            .as("cell %d,%d", k, p)
            .isEqualTo(expected[k][p]);
        items += expected[k][p];
        predictedAsK += expected[p][k];
      }
      JsonNode row = perClass.get(k);
      assertThat(row.get("class").asText()).isEqualTo(FashionMnist.CLASS_NAMES.get(k));
      assertThat(row.get("items").asLong()).isEqualTo(items);
      if (predictedAsK == 0) {
        assertThat(row.get("precision").isNull()).as("precision of %d", k).isTrue();
      } else {
        assertThat(row.get("precision").asDouble())
            .isEqualTo((double) expected[k][k] / predictedAsK);
      }
    }
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');

    CommandRun text =
        CommandRun.of("eval", "classify", "--model", model.toString(), "--sample", "--limit", "40");
    assertThat(text.out()).contains("Class", "Precision", "| Ankle boot  |");

    CommandRun jpeg =
        CommandRun.of(
            "eval",
            "classify",
            "--model",
            model.toString(),
            "--sample",
            "--confusion-png",
            "m.jpg");
    assertThat(jpeg.exitCode()).isEqualTo(2);
    assertThat(jpeg.err()).contains("--confusion-png must name a .png file");
  }

  @Test
  void evalClassifyScoresTheHeldOutValidationItems() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(FashionMnist.INSTALLED_DIR),
        "needs the Debian package dataset-fashion-mnist");
    CommandRun run =
        CommandRun.of(
            "eval",
            "classify",
            "--model",
            model.toString(),
            "--split",
            "val",
            "--limit",
            "30",
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JsonOutput.mapper().readTree(run.out());
    assertThat(json.get("split").asText()).isEqualTo("val");
    assertThat(json.get("items").asInt()).isEqualTo(30);
    assertThat(json.get("data").asText()).endsWith("items 55000..59999");
    assertThat(json.has("recorded_val_accuracy")).isTrue();

    CommandRun bad =
        CommandRun.of(
            "eval", "classify", "--model", model.toString(), "--split", "val", "--val-size", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--val-size must be in 1..59999");
  }

  @Test
  void evalClassifyRefusesTheValidationSplitOfAModelTrainedOnIt() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(FashionMnist.INSTALLED_DIR),
        "needs the Debian package dataset-fashion-mnist");
    ModelCard card = ModelArtifact.readCard(model);
    ModelArtifact.writeCard(
        model,
        new ModelCard(
            card.name(),
            card.config(),
            card.classes(),
            card.mean(),
            card.std(),
            card.metrics(),
            Map.of("val_items", "0", "train_items", "60000")));
    CommandRun run =
        CommandRun.of("eval", "classify", "--model", model.toString(), "--split", "val");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("trained on every training item (--val-size 0)");
    CommandRun test =
        CommandRun.of("eval", "classify", "--model", model.toString(), "--limit", "10");
    assertThat(test.exitCode()).as(test.err()).isZero();
  }

  @Test
  void zooListNamesTheShippedModel() throws IOException {
    CommandRun run = CommandRun.of("zoo", "list", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JsonOutput.mapper().readTree(run.out());
    assertThat(json.get("group").asText()).isEqualTo("io.mambastream");
    assertThat(json.get("models").get(0).get("artifactId").asText()).isEqualTo("vim-tiny-fashion");
    assertThat(json.get("models").get(0).get("inputShape").toString()).isEqualTo("[1,28,28]");
  }
}
