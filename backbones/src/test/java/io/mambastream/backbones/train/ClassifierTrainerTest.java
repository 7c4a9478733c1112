package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.ingest.fashion.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTrainerTest {

  /** A tiny Vim for 28 px: D 16, 2 layers, N 4, patch 7 (16 patches + class token). */
  private static final ClassifierConfig TINY =
      ClassifierConfig.preset("vim-tiny")
          .withEmbedDim(16)
          .withDepth(2)
          .withDState(4)
          .withPatchSize(7);

  private static final FashionMnist SAMPLE = FashionMnist.bundledSample();

  private static TrainOptions options(Path out, int epochs, boolean resume, boolean augment) {
    // 100 bundled items: the last 20 validate, 80 train; lr high enough to move in a few steps.
    return new TrainOptions(
        epochs, 16, 3e-3, 0.05, 0.5, 0.1, augment, 7, false, out, resume, 0, 20);
  }

  private static TrainResult train(Path out, int epochs, boolean resume) throws IOException {
    return new ClassifierTrainer(
            TINY, options(out, epochs, resume, true), SAMPLE, SAMPLE, "test", TrainingListener.NONE)
        .run();
  }

  @Test
  void aShortRunLowersTheLossAndWritesItsFiles(@TempDir Path out) throws IOException {
    List<Double> batchLosses = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onBatch(int batch, double meanLoss, double meanAccuracy) {
            if (batch == 5) {
              batchLosses.add(meanLoss);
            }
          }
        };
    TrainResult result =
        new ClassifierTrainer(TINY, options(out, 4, false, false), SAMPLE, SAMPLE, "test", listener)
            .run();
    assertThat(result.history()).hasSize(4);
    // An untrained 10-way classifier starts near ln 10 = 2.30; four epochs must go clearly below.
    assertThat(result.history().get(0).trainLoss()).isGreaterThan(2.0);
    // 20 AdamW steps on 80 unaugmented items must lower the epoch-mean loss by 0.1 at least.
    assertThat(result.history().get(3).trainLoss())
        .isLessThan(result.history().get(0).trainLoss() - 0.1);
    assertThat(batchLosses).hasSize(4);
    assertThat(result.testItems()).isEqualTo(100);
    assertThat(out.resolve("metrics.csv")).content().hasLineCount(5);
    assertThat(out.resolve("best/model.safetensors")).isRegularFile();
    assertThat(out.resolve("last/optimizer.safetensors")).isRegularFile();
  }

  /** Runs 2 epochs and returns every batch's running mean loss. */
  private static List<Double> batchLosses(Path out) throws IOException {
    List<Double> losses = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onBatch(int batch, double meanLoss, double meanAccuracy) {
            losses.add(meanLoss);
          }
        };
    new ClassifierTrainer(TINY, options(out, 2, false, true), SAMPLE, SAMPLE, "test", listener)
        .run();
    return losses;
  }

  @Test
  void twoRunsWithTheSameSeedGiveBitIdenticalLosses(@TempDir Path out) throws IOException {
    // Everything is seeded (weights, order, augmentation); a run that depends on anything else
    // (freed memory read by backward, as the old NaN did, or a race) shows up here.
    List<Double> first = batchLosses(out.resolve("a"));
    List<Double> second = batchLosses(out.resolve("b"));
    assertThat(first).hasSize(10).allMatch(Double::isFinite);
    assertThat(second).containsExactlyElementsOf(first);
  }

  @Test
  void savedWeightsReloadToIdenticalLogits(@TempDir Path out) throws IOException {
    train(out, 1, false);
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone trained = TINY.build(new ChunkedScan());
      ModelArtifact.initialize(trained, TINY, manager);
      ModelArtifact.loadWeights(out.resolve("last/weights.safetensors"), trained, manager);
      Path copy = out.resolve("copy");
      ModelArtifact.write(copy, ModelArtifact.readCard(out.resolve("best")), trained);
      Backbone reloaded = ModelArtifact.load(copy, manager, new ChunkedScan());
      NDArray images =
          new FashionBatches(SAMPLE).images(manager, new int[] {0, 1, 2, 3}, null, null);
      float[] a = logits(trained, images, manager);
      float[] b = logits(reloaded, images, manager);
      assertThat(b).containsExactly(a);
    }
  }

  @Test
  void resumeContinuesFromTheSavedEpochAsIfUninterrupted(@TempDir Path out) throws IOException {
    TrainResult straight = train(out.resolve("straight"), 2, false);
    train(out.resolve("split"), 1, false);
    TrainResult resumed = train(out.resolve("split"), 2, true);
    assertThat(resumed.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
    // Epoch 1 is read back from the checkpoint, not recomputed.
    assertThat(resumed.history().get(0))
        .isEqualTo(ClassifierTrainer.readState(out.resolve("split")).history().get(0));
    assertThat(ClassifierTrainer.readState(out.resolve("split")).step())
        .isEqualTo(ClassifierTrainer.readState(out.resolve("straight")).step());
    // Same seed, per-epoch RNG, restored moments and step: epoch 2 follows the straight run (the
    // learning rate exactly; losses up to float round-off of PyTorch's CPU kernels).
    EpochMetrics a = straight.history().get(1);
    EpochMetrics b = resumed.history().get(1);
    assertThat(b.learningRate()).isEqualTo(a.learningRate());
    assertThat(b.trainLoss()).isCloseTo(a.trainLoss(), offset(0.02));
    assertThat(b.valLoss()).isCloseTo(a.valLoss(), offset(0.02));
  }

  private static float[] logits(Backbone model, NDArray images, NDManager manager) {
    return model
        .forward(new ParameterStore(manager, false), new NDList(images), false)
        .singletonOrThrow()
        .toFloatArray();
  }
}
