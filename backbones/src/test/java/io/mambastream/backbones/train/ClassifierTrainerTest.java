package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.checkpoint.Checkpoints;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.ingest.fashion.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  /** 100 bundled items: the last 20 validate, 80 train; lr high enough to move in a few steps. */
  private static TrainOptions.Builder tiny(Path out, int epochs) {
    return TrainOptions.builder()
        .setOutDir(out)
        .optEpochs(epochs)
        .optBatchSize(16)
        .optLearningRate(3e-3)
        .optWarmupEpochs(0.5)
        .optSeed(7)
        .optValSize(20);
  }

  private static TrainOptions options(Path out, int epochs, boolean resume, boolean augment) {
    return tiny(out, epochs).optResume(resume).optAugment(augment).build();
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

  /** Tiny PlainMamba and VMamba classifiers for 28 px (D 16 / C_0 8, N 4). */
  static ClassifierConfig tinyOther(String architecture) {
    return switch (architecture) {
      case "plainmamba" ->
          ClassifierConfig.preset("plainmamba")
              .withEmbedDim(16)
              .withDepth(2)
              .withDState(4)
              .withPatchSize(7);
      case "vmamba" ->
          ClassifierConfig.preset("vmamba").withEmbedDim(8).withStageDepths(1, 1).withDState(4);
      default -> throw new IllegalArgumentException(architecture);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"plainmamba", "vmamba"})
  void plainMambaAndVMambaTrainAndReloadFromTheirModelDirectory(
      String architecture, @TempDir Path out) throws IOException {
    ClassifierConfig config = tinyOther(architecture);
    TrainResult result =
        new ClassifierTrainer(
                config,
                options(out, 6, false, false),
                SAMPLE,
                SAMPLE,
                "test",
                TrainingListener.NONE)
            .run();
    // 30 AdamW steps on 80 unaugmented items (the mean-pooled heads learn slower than Vim's).
    assertThat(result.history().get(0).trainLoss()).isGreaterThan(2.0);
    assertThat(result.history().get(5).trainLoss())
        .isLessThan(result.history().get(0).trainLoss() - 0.1);
    ModelCard card = ModelArtifact.readCard(out.resolve("best"));
    assertThat(card.config()).isEqualTo(config);
    // Reloaded from best/ with the chunked scan, it scores the 100 test items as the trainer did
    // with the fused one at the end of the run.
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone reloaded = ModelArtifact.load(out.resolve("best"), manager, new ChunkedScan());
      int[] all = IntStream.range(0, SAMPLE.size()).toArray();
      Evaluation again =
          ClassifierEvaluator.evaluate(reloaded, new FashionBatches(SAMPLE), all, 32, manager);
      assertThat(again.accuracy()).isEqualTo(result.testAccuracy());
      assertThat(again.loss()).isCloseTo(result.testLoss(), within(1e-4));
    }
  }

  @Test
  void anEpochEndsWithASmallerBatchAndSeesEveryItemOnce(@TempDir Path out) throws IOException {
    // 80 training items at batch 30: batches of 30, 30 and 20. Each running accuracy is a count
    // over the items seen so far, so accuracy × (30, 60, 80) must be whole numbers.
    List<Integer> starts = new ArrayList<>();
    List<Double> accuracies = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpochStart(int epoch, int epochs, int batches) {
            starts.add(batches);
          }

          @Override
          public void onBatch(int batch, double meanLoss, double meanAccuracy) {
            accuracies.add(meanAccuracy);
          }
        };
    train(tiny(out, 1).optBatchSize(30).build(), listener);
    assertThat(starts).containsExactly(3);
    assertThat(accuracies).hasSize(3);
    int[] seen = {30, 60, 80};
    for (int b = 0; b < 3; b++) {
      double count = accuracies.get(b) * seen[b];
      assertThat(count).isCloseTo(Math.rint(count), within(1e-9));
    }
  }

  @Test
  void withoutValidationEveryItemTrainsTheLastEpochIsTheModelAndResumesWork(@TempDir Path out)
      throws IOException {
    List<Double> straightLosses = new ArrayList<>();
    TrainResult straight =
        train(tiny(out.resolve("straight"), 2).optValSize(0).build(), straightLosses);
    assertThat(straight.history())
        .allSatisfy(m -> assertThat(m.valAccuracy()).isNaN())
        .allSatisfy(m -> assertThat(m.valLoss()).isNaN());
    assertThat(straight.bestEpoch()).isEqualTo(2);
    assertThat(straight.testItems()).isEqualTo(100);
    ModelCard card = ModelArtifact.readCard(out.resolve("straight/best"));
    assertThat(card.training()).containsEntry("val_items", "0").containsEntry("train_items", "100");
    assertThat(card.metrics()).containsKey("test_accuracy").doesNotContainKey("val_accuracy");
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> best = arrays(out.resolve("straight/best/model.safetensors"), manager);
      Map<String, NDArray> last = arrays(out.resolve("straight/last/weights.safetensors"), manager);
      best.forEach(
          (name, array) ->
              assertThat(array.toFloatArray()).containsExactly(last.get(name).toFloatArray()));
    }
    // A pause writes NaN validation metrics into state.json; the resume must read them back.
    List<Double> splitLosses = new ArrayList<>();
    train(tiny(out.resolve("split"), 2).optValSize(0).optStopAfterEpoch(1).build(), splitLosses);
    TrainResult resumed =
        train(tiny(out.resolve("split"), 0).optValSize(0).optResume(true).build(), splitLosses);
    assertThat(resumed.bestEpoch()).isEqualTo(2);
    assertThat(splitLosses).containsExactlyElementsOf(straightLosses);
    assertThat(out.resolve("split/best/model.safetensors"))
        .hasSameBinaryContentAs(out.resolve("straight/best/model.safetensors"));
  }

  @Test
  void aCheckpointWrittenBeforeTheNewOptionsReadsWithThemOff(@TempDir Path out) throws IOException {
    // state.json as session 3 wrote it: no convStem, emaDecay, mixupAlpha or cutmixAlpha.
    String old =
        "{\"config\": {\"architecture\": \"vim\", \"embedDim\": 64, \"depth\": 4,"
            + " \"patchSize\": 4, \"dState\": 8, \"heads\": 0, \"imageSize\": 28,"
            + " \"inChannels\": 1, \"numClasses\": 10, \"classTokenPosition\": -1},"
            + " \"options\": {\"epochs\": 4, \"batchSize\": 128, \"learningRate\": 0.002,"
            + " \"weightDecay\": 0.05, \"warmupEpochs\": 1.0, \"labelSmoothing\": 0.1,"
            + " \"augment\": true, \"gpu\": false, \"limit\": 0, \"valSize\": 5000,"
            + " \"initFrom\": null, \"dropPath\": 0.1}, \"epoch\": 1, \"step\": 215,"
            + " \"seed\": 42, \"bestEpoch\": 1, \"bestValAccuracy\": 0.5, \"history\": []}";
    java.nio.file.Files.createDirectories(out.resolve("last"));
    java.nio.file.Files.writeString(out.resolve("last/state.json"), old);
    TrainingState state = ClassifierTrainer.readState(out);
    assertThat(state.config().convStem()).isFalse();
    assertThat(state.options().dropPath()).isEqualTo(0.1);
    assertThat(state.options().emaDecay()).isZero();
    assertThat(state.options().mixupAlpha()).isZero();
    assertThat(state.options().cutmixAlpha()).isZero();
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

  /** The regularisers of one resume case: drop path, EMA decay, Mixup α, CutMix α. */
  record Regularisers(double dropPath, double ema, double mixup, double cutmix) {
    TrainOptions.Builder applyTo(TrainOptions.Builder builder) {
      return builder
          .optDropPath(dropPath)
          .optEmaDecay(ema)
          .optMixupAlpha(mixup)
          .optCutmixAlpha(cutmix);
    }
  }

  @ParameterizedTest(name = "drop path {0}, EMA {1}, Mixup {2}, CutMix {3}")
  @CsvSource({"0, 0, 0, 0", "0.3, 0, 0, 0", "0, 0.9, 0, 0", "0, 0, 0.4, 1"})
  void aPausedRunResumesBitIdenticalToAnUninterruptedOne(
      double dropPath, double ema, double mixup, double cutmix, @TempDir Path out)
      throws IOException {
    Regularisers with = new Regularisers(dropPath, ema, mixup, cutmix);
    List<Double> straightLosses = new ArrayList<>();
    TrainResult straight =
        train(with.applyTo(tiny(out.resolve("straight"), 3)).build(), straightLosses);
    TrainOptions pausing = with.applyTo(tiny(out.resolve("split"), 3)).optStopAfterEpoch(1).build();
    List<Double> splitLosses = new ArrayList<>();
    TrainResult paused = train(pausing, recording(splitLosses));
    assertThat(paused.finished()).isFalse();
    assertThat(paused.testAccuracy()).isNull();
    assertThat(paused.testItems()).isZero();
    assertThat(ClassifierTrainer.readState(out.resolve("split")).epoch()).isEqualTo(1);
    // --resume without --epochs: the checkpoint's schedule (3 epochs), continued exactly.
    TrainResult resumed =
        train(
            with.applyTo(tiny(out.resolve("split"), 0)).optResume(true).build(),
            recording(splitLosses));
    assertThat(resumed.finished()).isTrue();
    assertThat(resumed.epochs()).isEqualTo(3);
    assertThat(resumed.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(splitLosses).containsExactlyElementsOf(straightLosses);
    assertThat(out.resolve("split/last/weights.safetensors"))
        .hasSameBinaryContentAs(out.resolve("straight/last/weights.safetensors"));
    assertThat(resumed.testAccuracy()).isEqualTo(straight.testAccuracy());
    assertThat(out.resolve("split/best/model.safetensors"))
        .hasSameBinaryContentAs(out.resolve("straight/best/model.safetensors"));
    if (ema > 0) {
      assertThat(out.resolve("split/last/ema.safetensors"))
          .hasSameBinaryContentAs(out.resolve("straight/last/ema.safetensors"));
    }
  }

  @Test
  void aResumeThroughTheFitEpochFitsWithinTheCheckpointsSchedule(@TempDir Path out)
      throws IOException {
    // Paused after epoch 1 of a 2-epoch warm-up, before the fit; the resume (no --epochs) fits
    // after epoch 2 within the checkpoint's 5 epochs: a spent budget leaves 2, never 0.
    TrainOptions.Builder budgeted = tiny(out, 5).optWarmupEpochs(2).optTimeBudgetSeconds(1e-3);
    train(budgeted.optStopAfterEpoch(1).build(), TrainingListener.NONE);
    assertThat(ClassifierTrainer.readState(out).options().epochs()).isEqualTo(5);
    TrainResult resumed =
        train(
            tiny(out, 0).optWarmupEpochs(2).optTimeBudgetSeconds(1e-3).optResume(true).build(),
            TrainingListener.NONE);
    assertThat(resumed.epochs()).isEqualTo(2);
    assertThat(resumed.finished()).isTrue();
    assertThat(ClassifierTrainer.readState(out).options().epochs()).isEqualTo(2);
  }

  @Test
  void withAnEmaTheBestModelHoldsTheAverageAndTrainingGoesOnFromTheRawWeights(@TempDir Path out)
      throws IOException {
    train(tiny(out, 1).optEmaDecay(0.9).build(), TrainingListener.NONE);
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> best = arrays(out.resolve("best/model.safetensors"), manager);
      Map<String, NDArray> average = arrays(out.resolve("last/ema.safetensors"), manager);
      Map<String, NDArray> raw = arrays(out.resolve("last/weights.safetensors"), manager);
      assertThat(best.keySet()).isEqualTo(average.keySet()).isEqualTo(raw.keySet());
      // Epoch 1 is the best epoch, so best/ holds the average after it, bit for bit ...
      best.forEach(
          (name, array) ->
              assertThat(array.toFloatArray()).containsExactly(average.get(name).toFloatArray()));
      // ... while the checkpoint keeps the raw weights, which 5 steps moved away from the average.
      assertThat(raw.get("head.weight").toFloatArray())
          .isNotEqualTo(average.get("head.weight").toFloatArray());
    }
    assertThat(ModelArtifact.readCard(out.resolve("best")).training())
        .containsEntry("ema_decay", "0.9");
  }

  @Test
  void mixingChangesTrainingAndIsRecorded(@TempDir Path out) throws IOException {
    List<Double> plain = new ArrayList<>();
    train(options(out.resolve("plain"), 1, false, false), plain);
    List<Double> mixed = new ArrayList<>();
    train(
        tiny(out.resolve("mixed"), 1)
            .optAugment(false)
            .optMixupAlpha(0.4)
            .optCutmixAlpha(1)
            .build(),
        mixed);
    assertThat(mixed).hasSameSizeAs(plain).allMatch(Double::isFinite);
    assertThat(mixed.get(0)).isNotEqualTo(plain.get(0));
    assertThat(ModelArtifact.readCard(out.resolve("mixed/best")).training())
        .containsEntry("mixup_alpha", "0.4")
        .containsEntry("cutmix_alpha", "1.0");
  }

  private static Map<String, NDArray> arrays(Path file, NDManager manager) throws IOException {
    return ModelArtifact.readArrays(Checkpoints.read(file), manager);
  }

  private static TrainResult train(TrainOptions options, List<Double> losses) throws IOException {
    return train(options, recording(losses));
  }

  @Test
  void dropPathChangesTrainingForVimAndVit(@TempDir Path out) throws IOException {
    List<Double> plain = new ArrayList<>();
    train(options(out.resolve("plain"), 1, false, false), plain);
    List<Double> dropped = new ArrayList<>();
    train(tiny(out.resolve("dropped"), 1).optAugment(false).optDropPath(0.5).build(), dropped);
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
    List<List<Double>> vitLosses = new ArrayList<>();
    for (double rate : new double[] {0, 0.5}) {
      List<Double> losses = new ArrayList<>();
      Path dir = out.resolve("vit-" + rate);
      new ClassifierTrainer(
              vit,
              tiny(dir, 1).optAugment(false).optDropPath(rate).build(),
              SAMPLE,
              SAMPLE,
              "test",
              recording(losses))
          .run();
      vitLosses.add(losses);
    }
    assertThat(vitLosses.get(1)).allMatch(Double::isFinite).isNotEqualTo(vitLosses.get(0));
    assertThat(ModelArtifact.readCard(out.resolve("vit-0.5/best")).training())
        .containsEntry("drop_path", "0.5");
  }

  @Test
  void resumingWithAnotherRecipeIsRefusedAndNamesBoth(@TempDir Path out) throws IOException {
    train(tiny(out, 2).optStopAfterEpoch(1).build(), TrainingListener.NONE);
    TrainOptions otherLr = tiny(out, 2).optResume(true).optLearningRate(1e-3).build();
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
    TrainOptions tight = tiny(out, 5).optWarmupEpochs(1).optTimeBudgetSeconds(1e-3).build();
    TrainResult result = train(tight, TrainingListener.NONE);
    assertThat(result.epochs()).isEqualTo(1);
    assertThat(result.finished()).isTrue();
    assertThat(result.testItems()).isEqualTo(100);
    assertThat(ClassifierTrainer.readState(out).options().epochs()).isEqualTo(1);
  }

  @Test
  void aTimeBudgetFitsTheScheduleAtTheEndOfTheWarmUp(@TempDir Path out) throws IOException {
    // Two warm-up epochs: the fit waits for epoch 2 (its time is the steadier estimate), so a
    // spent budget leaves both warm-up epochs, not one.
    TrainOptions tight = tiny(out, 5).optWarmupEpochs(2).optTimeBudgetSeconds(1e-3).build();
    List<Integer> fitted = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onScheduleFitted(
              int epochs, double budgetSeconds, int fitEpoch, double epochSeconds) {
            fitted.add(fitEpoch);
            fitted.add(epochs);
          }
        };
    TrainResult result = train(tight, listener);
    assertThat(fitted).containsExactly(2, 2);
    assertThat(result.epochs()).isEqualTo(2);
    assertThat(result.history()).hasSize(2);
    assertThat(result.finished()).isTrue();
  }

  @Test
  void initFromStartsFromAModelDirectorysWeights(@TempDir Path out) throws IOException {
    train(out.resolve("source"), 1, false);
    Path source = out.resolve("source/best");
    // A learning rate of 1e-12 and no decay leave the loaded weights as they were.
    TrainOptions still =
        tiny(out.resolve("ft"), 1)
            .optLearningRate(1e-12)
            .optWeightDecay(0)
            .optWarmupEpochs(1)
            .optAugment(false)
            .optInitFrom(source)
            .build();
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
    TrainOptions o = tiny(out.resolve("ft"), 1).optInitFrom(out.resolve("source/best")).build();
    ClassifierTrainer deeper =
        new ClassifierTrainer(TINY.withDepth(3), o, SAMPLE, SAMPLE, "test", TrainingListener.NONE);
    assertThatThrownBy(deeper::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot start from")
        .hasMessageContaining("depth=2")
        .hasMessageContaining("depth=3");
  }

  @Test
  void optionsThatContradictEachOtherAreRefused(@TempDir Path out) {
    TrainOptions.Builder budgetWithHalfAWarmUp = tiny(out, 5).optTimeBudgetSeconds(60);
    assertThatThrownBy(budgetWithHalfAWarmUp::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warm-up");
    TrainOptions.Builder fineTuneAndResume =
        tiny(out, 5).optResume(true).optInitFrom(out.resolve("model"));
    assertThatThrownBy(fineTuneAndResume::build).hasMessageContaining("choose one");
  }

  private static float[] logits(Backbone model, NDArray images, NDManager manager) {
    return model
        .forward(new ParameterStore(manager, false), new NDList(images), false)
        .singletonOrThrow()
        .toFloatArray();
  }
}
