package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        epochs, 16, 3e-3, 0.05, 0.5, 0.1, augment, 7, false, out, resume, 0, 20, 0, 0, null, 0);
  }

  private static TrainResult train(Path out, int epochs, boolean resume) throws IOException {
    return train(options(out, epochs, resume, true), TrainingListener.NONE);
  }

  private static TrainResult train(TrainOptions options, TrainingListener listener)
      throws IOException {
    return new ClassifierTrainer(TINY, options, SAMPLE, SAMPLE, "test", listener).run();
  }

  /** A listener that keeps every batch's running mean loss. */
  private static TrainingListener recording(List<Double> losses) {
    return new TrainingListener() {
      @Override
      public void onBatch(int batch, double meanLoss, double meanAccuracy) {
        losses.add(meanLoss);
      }
    };
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
    train(options(out, 2, false, true), recording(losses));
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

  @ParameterizedTest(name = "drop path {0}")
  @ValueSource(doubles = {0, 0.3})
  void aPausedRunResumesBitIdenticalToAnUninterruptedOne(double dropPath, @TempDir Path out)
      throws IOException {
    List<Double> straightLosses = new ArrayList<>();
    TrainResult straight =
        train(
            withDropPath(options(out.resolve("straight"), 3, false, true), dropPath),
            straightLosses);
    TrainOptions pausing =
        withStopAfter(withDropPath(options(out.resolve("split"), 3, false, true), dropPath), 1);
    List<Double> splitLosses = new ArrayList<>();
    TrainResult paused = train(pausing, recording(splitLosses));
    assertThat(paused.finished()).isFalse();
    assertThat(paused.testAccuracy()).isNull();
    assertThat(paused.testItems()).isZero();
    assertThat(ClassifierTrainer.readState(out.resolve("split")).epoch()).isEqualTo(1);
    // --resume without --epochs: the checkpoint's schedule (3 epochs), continued exactly.
    TrainResult resumed =
        train(
            withDropPath(options(out.resolve("split"), 0, true, true), dropPath),
            recording(splitLosses));
    assertThat(resumed.finished()).isTrue();
    assertThat(resumed.epochs()).isEqualTo(3);
    assertThat(resumed.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(splitLosses).containsExactlyElementsOf(straightLosses);
    assertThat(out.resolve("split/last/weights.safetensors"))
        .hasSameBinaryContentAs(out.resolve("straight/last/weights.safetensors"));
    assertThat(resumed.testAccuracy()).isEqualTo(straight.testAccuracy());
  }

  private static TrainResult train(TrainOptions options, List<Double> losses) throws IOException {
    return train(options, recording(losses));
  }

  private static TrainOptions withStopAfter(TrainOptions o, int epoch) {
    return new TrainOptions(
        o.epochs(),
        o.batchSize(),
        o.learningRate(),
        o.weightDecay(),
        o.warmupEpochs(),
        o.labelSmoothing(),
        o.augment(),
        o.seed(),
        o.gpu(),
        o.outDir(),
        o.resume(),
        o.limit(),
        o.valSize(),
        o.timeBudgetSeconds(),
        epoch,
        o.initFrom(),
        o.dropPath());
  }

  private static TrainOptions withDropPath(TrainOptions o, double dropPath) {
    return new TrainOptions(
        o.epochs(),
        o.batchSize(),
        o.learningRate(),
        o.weightDecay(),
        o.warmupEpochs(),
        o.labelSmoothing(),
        o.augment(),
        o.seed(),
        o.gpu(),
        o.outDir(),
        o.resume(),
        o.limit(),
        o.valSize(),
        o.timeBudgetSeconds(),
        o.stopAfterEpoch(),
        o.initFrom(),
        dropPath);
  }

  @Test
  void dropPathChangesTrainingButIsRefusedForTheVit(@TempDir Path out) throws IOException {
    List<Double> plain = new ArrayList<>();
    train(options(out.resolve("plain"), 1, false, false), plain);
    List<Double> dropped = new ArrayList<>();
    train(withDropPath(options(out.resolve("dropped"), 1, false, false), 0.5), dropped);
    assertThat(dropped).hasSameSizeAs(plain).allMatch(Double::isFinite);
    assertThat(dropped.get(0)).isNotEqualTo(plain.get(0));
    assertThat(ModelArtifact.readCard(out.resolve("dropped/best")).training())
        .containsEntry("drop_path", "0.5");

    ClassifierConfig vit =
        ClassifierConfig.preset("vit-tiny")
            .withEmbedDim(16)
            .withDepth(1)
            .withHeads(2)
            .withPatchSize(7);
    ClassifierTrainer trainer =
        new ClassifierTrainer(
            vit,
            withDropPath(options(out.resolve("vit"), 1, false, false), 0.1),
            SAMPLE,
            SAMPLE,
            "test",
            TrainingListener.NONE);
    assertThatThrownBy(trainer::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--drop-path is implemented for Vim only");
  }

  @Test
  void resumingWithAnotherRecipeIsRefusedAndNamesBoth(@TempDir Path out) throws IOException {
    train(withStopAfter(options(out, 2, false, true), 1), TrainingListener.NONE);
    TrainOptions otherLr =
        new TrainOptions(
            2, 16, 1e-3, 0.05, 0.5, 0.1, true, 7, false, out, true, 0, 20, 0, 0, null, 0);
    assertThatThrownBy(() -> train(otherLr, TrainingListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot resume")
        .hasMessageContaining("learningRate=0.003")
        .hasMessageContaining("learningRate=0.001");
  }

  @Test
  void resumingWithMoreEpochsStretchesTheScheduleFromTheCheckpoint(@TempDir Path out)
      throws IOException {
    train(out, 1, false);
    TrainResult longer = train(out, 2, true);
    assertThat(longer.epochs()).isEqualTo(2);
    assertThat(longer.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
    // Epoch 1 is read back from the checkpoint, not recomputed.
    assertThat(longer.history().get(0))
        .isEqualTo(ClassifierTrainer.readState(out).history().get(0));
    assertThat(ClassifierTrainer.readState(out).options().epochs()).isEqualTo(2);
  }

  @Test
  void aTimeBudgetFitsTheScheduleAfterTheFirstEpoch(@TempDir Path out) throws IOException {
    // A budget spent before epoch 1 ends leaves a 1-epoch schedule: the run ends, tested.
    TrainOptions tight =
        new TrainOptions(
            5, 16, 3e-3, 0.05, 1, 0.1, true, 7, false, out, false, 0, 20, 1e-3, 0, null, 0);
    TrainResult result = train(tight, TrainingListener.NONE);
    assertThat(result.epochs()).isEqualTo(1);
    assertThat(result.finished()).isTrue();
    assertThat(result.testItems()).isEqualTo(100);
    assertThat(ClassifierTrainer.readState(out).options().epochs()).isEqualTo(1);
  }

  @Test
  void fittedEpochsCountWhatIsLeftAfterTheTestEvaluation() {
    // 600 s budget, 30 s gone, test 20 s: 550 s left = 11 more epochs of 50 s.
    assertThat(ClassifierTrainer.fittedEpochs(600, 100, 30, 50, 20)).isEqualTo(12);
    assertThat(ClassifierTrainer.fittedEpochs(600, 100, 30, 50, 21)).isEqualTo(11);
    assertThat(ClassifierTrainer.fittedEpochs(600, 8, 30, 50, 20)).isEqualTo(8);
    assertThat(ClassifierTrainer.fittedEpochs(10, 8, 30, 50, 20)).isEqualTo(1);
  }

  @Test
  void initFromStartsFromAModelDirectorysWeights(@TempDir Path out) throws IOException {
    train(out.resolve("source"), 1, false);
    Path source = out.resolve("source/best");
    // A learning rate of 1e-12 and no decay leave the loaded weights as they were.
    TrainOptions still =
        new TrainOptions(
            1,
            16,
            1e-12,
            0,
            1,
            0.1,
            false,
            7,
            false,
            out.resolve("ft"),
            false,
            0,
            20,
            0,
            0,
            source,
            0);
    train(still, TrainingListener.NONE);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray images =
          new FashionBatches(SAMPLE).images(manager, new int[] {0, 1, 2, 3}, null, null);
      float[] a = logits(ModelArtifact.load(source, manager, new ChunkedScan()), images, manager);
      float[] b =
          logits(
              ModelArtifact.load(out.resolve("ft/best"), manager, new ChunkedScan()),
              images,
              manager);
      assertThat(b).containsExactly(a, within(1e-5f));
      assertThat(ModelArtifact.readCard(out.resolve("ft/best")).training())
          .containsEntry("init_from", source.toString());
    }
  }

  @Test
  void initFromAnotherArchitectureIsRefusedAndNamesBoth(@TempDir Path out) throws IOException {
    train(out.resolve("source"), 1, false);
    TrainOptions o =
        new TrainOptions(
            1,
            16,
            3e-3,
            0,
            1,
            0.1,
            false,
            7,
            false,
            out.resolve("ft"),
            false,
            0,
            20,
            0,
            0,
            out.resolve("source/best"),
            0);
    ClassifierTrainer deeper =
        new ClassifierTrainer(TINY.withDepth(3), o, SAMPLE, SAMPLE, "test", TrainingListener.NONE);
    assertThatThrownBy(deeper::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot start from")
        .hasMessageContaining("depth=2")
        .hasMessageContaining("depth=3");
  }

  @Test
  void aTimeBudgetNeedsOneWarmUpEpoch(@TempDir Path out) {
    assertThatThrownBy(
            () ->
                new TrainOptions(
                    5, 16, 3e-3, 0.05, 0.5, 0.1, true, 7, false, out, false, 0, 20, 60, 0, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warm-up");
  }

  private static float[] logits(Backbone model, NDArray images, NDManager manager) {
    return model
        .forward(new ParameterStore(manager, false), new NDList(images), false)
        .singletonOrThrow()
        .toFloatArray();
  }
}
