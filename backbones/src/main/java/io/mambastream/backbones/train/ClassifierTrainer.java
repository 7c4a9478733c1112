package io.mambastream.backbones.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.ScanBackbone;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.StochasticDepth;
import io.mambastream.backbones.ssm.ScanChoice;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.ingest.fashion.FashionMnist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a classifier on Fashion-MNIST with AdamW, warm-up + cosine learning rate, label smoothing
 * and light augmentation; checkpoints every epoch and selects the best epoch on a validation split
 * held out from the training set (or, with a validation size of 0, trains on every item and keeps
 * the last epoch, whose validation metrics are NaN). The test split is evaluated once, at the end,
 * with the best weights. Optional regularisers: stochastic depth (Vim, ViT), Mixup/CutMix ({@link
 * BatchMixer}) and a moving average of the weights ({@link WeightEma}), which then is what
 * validation, {@code best/} and the test see.
 *
 * <p>Splits ({@link TrainingSplits}): training = the first {@code n − valSize} training items (at
 * most {@code limit}), validation = the last {@code valSize} (at most {@code limit / 5}), test =
 * the test split (at most {@code limit / 5}). Training runs the differentiable scan of {@link
 * ScanChoice#forTraining} (the fused CUDA operator on a GPU when it is built, else the chunked
 * scan); validation and test run {@link ScanChoice#forInference}.
 *
 * <p>Output directory: {@code last/} (weights, optimizer moments, {@code state.json}), {@code
 * best/} (a {@link ModelArtifact}), {@code metrics.csv} (one row per epoch), {@code result.json}.
 */
public final class ClassifierTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifierTrainer.class);
  private static final int EVAL_BATCH = 256;

  /** The validation result of a run without validation items ({@code --val-size 0}). */
  private static final Evaluation NOT_VALIDATED = Evaluation.none();

  private final ClassifierConfig config;
  private final TrainOptions options;
  private final FashionMnist train;
  private final FashionMnist test;
  private final TrainingListener listener;
  private final String artifactName;

  /**
   * A trainer of {@code config} on {@code train} (validation held out of it), tested on {@code
   * test}; the best model is written under the name {@code artifactName}.
   */
  public ClassifierTrainer(
      ClassifierConfig config,
      TrainOptions options,
      FashionMnist train,
      FashionMnist test,
      String artifactName,
      TrainingListener listener) {
    this.config = config;
    this.options = options;
    this.train = train;
    this.test = test;
    this.artifactName = artifactName;
    this.listener = listener;
  }

  /**
   * Runs (or resumes) training and returns the outcome: after the schedule's last epoch with the
   * test evaluation, or after {@link TrainOptions#stopAfterEpoch} without it (paused).
   */
  public TrainResult run() throws IOException {
    long started = System.nanoTime();
    Device device = options.gpu() ? Device.gpu() : Device.cpu();
    if (options.gpu() && Engine.getInstance().getGpuCount() == 0) {
      throw new IllegalArgumentException("--device gpu, but DJL reports no GPU");
    }
    Path out = options.outDir();
    Files.createDirectories(out);
    TrainingSplits splits =
        TrainingSplits.of(train.size(), test.size(), options.valSize(), options.limit());
    int[] trainIndices = splits.train();
    int[] valIndices = splits.val();
    boolean validating = splits.validating();
    int[] testIndices = splits.test();
    TimeBudget budget = new TimeBudget(options.timeBudgetSeconds(), options.warmupEpochs());
    FashionBatches trainData = new FashionBatches(train);
    int batches = (trainIndices.length + options.batchSize() - 1) / options.batchSize();
    Augmenter augmenter = options.augment() ? Augmenter.standard(FashionMnist.SIDE) : null;
    BatchMixer mixer = mixer();

    try (NDManager manager = NDManager.newBaseManager(device)) {
      Engine.getInstance().setRandomSeed((int) options.seed());
      SelectiveScan trainingScan = ScanChoice.forTraining(device);
      Backbone model = config.build(trainingScan);
      ModelArtifact.initialize(model, config, manager);
      if (options.initFrom() != null) {
        loadInitialWeights(model, manager);
      }
      setDropPath(model);
      Map<String, Parameter> parameters = StateDictNames.of(model);
      AdamW optimizer = new AdamW(parameters, options.weightDecay(), manager);
      WeightEma ema =
          options.emaDecay() > 0
              ? new WeightEma(parameters, options.emaDecay(), manager)
              : WeightEma.none();
      TrainOptions plan = options;
      List<EpochMetrics> history = new ArrayList<>();
      int bestEpoch = 0;
      double bestVal = -1;
      int firstEpoch = 1;
      if (options.resume()) {
        TrainingState state = TrainingCheckpoint.readState(out);
        plan = options.withEpochs(resumedEpochs(state));
        TrainingCheckpoint.restore(out, state, model, optimizer, ema, manager);
        history.addAll(state.history());
        bestEpoch = state.bestEpoch();
        bestVal = state.bestValAccuracy();
        firstEpoch = state.epoch() + 1;
        LOG.info("resuming {} after epoch {} (step {})", out, state.epoch(), state.step());
      }
      LearningRateSchedule schedule = schedule(plan.epochs(), batches);
      LOG.info(
          "training {} ({} parameters) on {}: {} train, {} val, {} test items, {} batches/epoch",
          config,
          ModelArtifact.parameterCount(model),
          device,
          trainIndices.length,
          valIndices.length,
          testIndices.length,
          batches);

      long previousValEnd = -1; // where the previous epoch's checkpoint writes began
      for (int epoch = firstEpoch; epoch <= plan.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        listener.onEpochStart(epoch, plan.epochs(), batches);
        SplittableRandom random = epochRandom(epoch);
        // The engine's generator (drop-path masks) restarts per epoch too: resumes stay exact.
        Engine.getInstance().setRandomSeed((int) (options.seed() * 1_000_003L + epoch));
        EpochTotals totals =
            trainEpoch(
                model,
                new Optimization(optimizer, ema, schedule),
                new EpochData(trainData, shuffled(trainIndices, random), augmenter, mixer, random),
                manager);
        long valStart = System.nanoTime();
        EpochMetrics metrics;
        double cycleSeconds; // the epoch's cost to a time budget
        boolean fitted = budget.fitsAfter(epoch);
        // Validate and keep the average (if any); training goes on from the raw weights.
        try (WeightEma.Swap averaged = ema.swapIn(manager)) {
          Evaluation val =
              validating
                  ? evaluate(model, trainData, valIndices, manager, device, trainingScan)
                  : NOT_VALIDATED;
          long now = System.nanoTime();
          metrics =
              new EpochMetrics(
                  epoch,
                  totals.meanLoss(),
                  totals.accuracy(),
                  val.loss(),
                  val.accuracy(),
                  totals.lastLearningRate(),
                  (now - epochStart) / 1e9);
          history.add(metrics);
          // An epoch's cost to the budget includes its writes: measured from the previous epoch's
          // end of validation when this run has one.
          cycleSeconds = previousValEnd < 0 ? metrics.seconds() : (now - previousValEnd) / 1e9;
          previousValEnd = now;
          if (fitted) {
            // Without validation, assume the test costs what training that many items does.
            double testSeconds =
                validating
                    ? (now - valStart) / 1e9 * testIndices.length / valIndices.length
                    : metrics.seconds() * testIndices.length / trainIndices.length;
            double elapsed = (now - started) / 1e9;
            plan =
                plan.withEpochs(
                    budget.fittedEpochs(plan.epochs(), epoch, elapsed, cycleSeconds, testSeconds));
            LOG.info(
                "time budget {} s: epoch {} cost {} s, {} s elapsed; schedule fitted to {} epochs",
                budget.seconds(),
                epoch,
                cycleSeconds,
                elapsed,
                plan.epochs());
            schedule = schedule(plan.epochs(), batches);
          }
          if (!validating || val.accuracy() > bestVal) { // without validation: the last epoch
            bestVal = val.accuracy();
            bestEpoch = epoch;
            ModelArtifact.write(out.resolve("best"), card(plan, splits, Map.of(), epoch), model);
          }
        }
        TrainingCheckpoint.write(
            out,
            new TrainingState(
                config,
                TrainingState.TrainOptionsJson.of(plan),
                epoch,
                optimizer.steps(),
                options.seed(),
                bestEpoch,
                bestVal,
                history),
            model,
            optimizer,
            ema);
        listener.onEpochEnd(metrics);
        if (fitted) {
          listener.onScheduleFitted(
              plan.epochs(), options.timeBudgetSeconds(), epoch, cycleSeconds);
        }
        LOG.info("epoch {}/{}: {}", epoch, plan.epochs(), metrics);
        if (epoch == options.stopAfterEpoch() && epoch < plan.epochs()) {
          LOG.info("paused after epoch {} of {}: continue with --resume", epoch, plan.epochs());
          return finish(plan, history, bestEpoch, bestVal, null, model, started);
        }
      }

      Path bestDir = out.resolve("best");
      Backbone best = ModelArtifact.load(bestDir, manager, ScanChoice.forInference(device));
      Evaluation testEval =
          ClassifierEvaluator.evaluate(
              best, new FashionBatches(test), testIndices, EVAL_BATCH, manager);
      Map<String, Double> metrics = new HashMap<>();
      if (validating) {
        metrics.put("val_accuracy", bestVal);
      }
      metrics.put("test_accuracy", testEval.accuracy());
      metrics.put("test_loss", testEval.loss());
      metrics.put("test_items", (double) testEval.items());
      ModelArtifact.writeCard(bestDir, card(plan, splits, metrics, bestEpoch));
      return finish(plan, history, bestEpoch, bestVal, testEval, best, started);
    }
  }

  /**
   * One epoch's items in their order, with the augmentation and the batch mixing (each null when
   * off) and their random source.
   */
  private record EpochData(
      FashionBatches data,
      int[] order,
      Augmenter augmenter,
      BatchMixer mixer,
      SplittableRandom random) {}

  /** The optimizer, the weight average ({@link WeightEma#none}: none) and the schedule. */
  private record Optimization(AdamW optimizer, WeightEma ema, LearningRateSchedule schedule) {}

  /** What one epoch of optimizer steps measured. */
  private record EpochTotals(double meanLoss, double accuracy, double lastLearningRate) {}

  /** Runs one epoch of optimizer steps, each batch in its own scope, reporting to the listener. */
  private EpochTotals trainEpoch(
      Backbone model, Optimization optimization, EpochData epoch, NDManager manager) {
    AdamW optimizer = optimization.optimizer();
    int batches = (epoch.order().length + options.batchSize() - 1) / options.batchSize();
    double lossSum = 0;
    long correct = 0;
    long seen = 0;
    double lr = 0;
    for (int b = 0; b < batches; b++) {
      int[] batch =
          ClassifierEvaluator.slice(epoch.order(), b * options.batchSize(), options.batchSize());
      lr = optimization.schedule().at(optimizer.steps());
      try (NDManager scope = manager.newSubManager()) {
        float[] pixels = epoch.data().augmentedPixels(batch, epoch.augmenter(), epoch.random());
        int[] labels = epoch.data().labelValues(batch);
        MixedBatch mixed =
            epoch.mixer() == null
                ? new MixedBatch(labels, labels, 1)
                : epoch
                    .mixer()
                    .mix(pixels, batch.length, FashionMnist.SIDE, labels, epoch.random());
        // Both uploads before the forward pass is queued: a copy to the GPU waits for the queue.
        NDArray images = FashionBatches.images(scope, pixels);
        NDArray targets =
            SmoothedCrossEntropy.targets(
                scope, mixed, config.numClasses(), options.labelSmoothing());
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray logits =
              model
                  .forward(new ParameterStore(scope, false), new NDList(images), true)
                  .singletonOrThrow();
          NDArray loss = SmoothedCrossEntropy.loss(logits, targets);
          collector.backward(loss);
          lossSum += loss.getFloat() * batch.length;
          // Accuracy of a mixed batch: against the labels that carry the larger weight.
          int[] dominant = mixed.lambda() >= 0.5 ? mixed.labels() : mixed.partnerLabels();
          correct += SmoothedCrossEntropy.correct(logits, dominant);
        }
        optimizer.step(lr, scope);
        optimization.ema().update(optimizer.steps(), scope);
      }
      seen += batch.length;
      listener.onBatch(b + 1, lossSum / seen, (double) correct / seen);
    }
    return new EpochTotals(lossSum / seen, (double) correct / seen, lr);
  }

  private BatchMixer mixer() {
    if (options.mixupAlpha() == 0 && options.cutmixAlpha() == 0) {
      return null;
    }
    return BatchMixer.builder()
        .optMixupAlpha(options.mixupAlpha())
        .optCutmixAlpha(options.cutmixAlpha())
        .build();
  }

  private void setDropPath(Backbone model) {
    if (options.dropPath() == 0) {
      return;
    }
    if (!(model instanceof StochasticDepth layers)) {
      throw new IllegalArgumentException(
          "--drop-path is implemented for Vim and ViT, not " + config.architecture());
    }
    layers.setDropPath(options.dropPath());
  }

  private void loadInitialWeights(Backbone model, NDManager manager) throws IOException {
    Path dir = options.initFrom();
    ModelCard source = ModelArtifact.readCard(dir);
    if (!source.config().equals(config)) {
      throw new IllegalArgumentException(
          "cannot start from " + dir + ": it holds " + source.config() + ", asked for " + config);
    }
    ModelArtifact.loadWeights(dir.resolve(ModelArtifact.WEIGHTS), model, manager);
    LOG.info("starting from the weights of {} ({})", dir, source.name());
  }

  private TrainResult finish(
      TrainOptions plan,
      List<EpochMetrics> history,
      int bestEpoch,
      double bestVal,
      Evaluation testEval,
      Backbone model,
      long started)
      throws IOException {
    TrainResult result =
        new TrainResult(
            config,
            history,
            plan.epochs(),
            bestEpoch,
            bestVal,
            testEval == null ? null : testEval.loss(),
            testEval == null ? null : testEval.accuracy(),
            testEval == null ? 0 : testEval.items(),
            ModelArtifact.parameterCount(model),
            (System.nanoTime() - started) / 1e9,
            options.outDir().resolve("best"));
    Files.writeString(
        options.outDir().resolve("result.json"),
        ModelArtifact.json().writeValueAsString(result),
        StandardCharsets.UTF_8);
    return result;
  }

  private LearningRateSchedule schedule(int epochs, int batches) {
    return new LearningRateSchedule(
        options.learningRate(),
        1e-6,
        Math.round(options.warmupEpochs() * batches),
        (long) batches * epochs);
  }

  /**
   * The schedule length of a resumed run, after checking that the checkpoint was made by the same
   * model and recipe: the checkpoint's, unless {@code --epochs} names another (a warm restart).
   */
  private int resumedEpochs(TrainingState state) {
    if (!state.config().equals(config)) {
      throw new IllegalArgumentException(
          "cannot resume: "
              + options.outDir()
              + " holds "
              + state.config()
              + ", asked for "
              + config);
    }
    TrainingState.TrainOptionsJson saved = state.options();
    TrainingState.TrainOptionsJson asked = TrainingState.TrainOptionsJson.of(options);
    if (!saved.sameRecipe(asked) || state.seed() != options.seed()) {
      throw new IllegalArgumentException(
          "cannot resume: "
              + options.outDir()
              + " was trained with "
              + saved
              + " and seed "
              + state.seed()
              + ", asked for "
              + asked
              + " and seed "
              + options.seed());
    }
    if (options.epochs() == 0 || options.epochs() == saved.epochs()) {
      return saved.epochs();
    }
    LOG.warn(
        "--epochs {} differs from the checkpoint's {}: the cosine schedule is stretched from step"
            + " {} on (a warm restart, not the schedule of an uninterrupted run)",
        options.epochs(),
        saved.epochs(),
        state.step());
    return options.epochs();
  }

  private Evaluation evaluate(
      Backbone model,
      FashionBatches data,
      int[] indices,
      NDManager manager,
      Device device,
      SelectiveScan trainingScan) {
    if (model instanceof ScanBackbone mamba) {
      mamba.setScan(ScanChoice.forInference(device));
    }
    try {
      return ClassifierEvaluator.evaluate(model, data, indices, EVAL_BATCH, manager);
    } finally {
      if (model instanceof ScanBackbone mamba) {
        mamba.setScan(trainingScan);
      }
    }
  }

  private ModelCard card(
      TrainOptions plan, TrainingSplits splits, Map<String, Double> metrics, int epoch) {
    Map<String, String> training = new HashMap<>();
    training.put("seed", Long.toString(options.seed()));
    training.put("epoch", Integer.toString(epoch));
    training.put("epochs", Integer.toString(plan.epochs()));
    training.put("batch", Integer.toString(options.batchSize()));
    training.put("lr", Double.toString(options.learningRate()));
    training.put("weight_decay", Double.toString(options.weightDecay()));
    training.put("label_smoothing", Double.toString(options.labelSmoothing()));
    training.put("augment", Boolean.toString(options.augment()));
    training.put("train_items", Integer.toString(splits.train().length));
    training.put("val_items", Integer.toString(splits.val().length));
    if (options.initFrom() != null) {
      training.put("init_from", options.initFrom().toString());
    }
    putIfPositive(training, "drop_path", options.dropPath());
    putIfPositive(training, "ema_decay", options.emaDecay());
    putIfPositive(training, "mixup_alpha", options.mixupAlpha());
    putIfPositive(training, "cutmix_alpha", options.cutmixAlpha());
    return new ModelCard(
        artifactName,
        config,
        FashionMnist.CLASS_NAMES,
        FashionNormalization.MEAN,
        FashionNormalization.STD,
        metrics,
        training);
  }

  private static void putIfPositive(Map<String, String> training, String key, double value) {
    if (value > 0) {
      training.put(key, Double.toString(value));
    }
  }

  /** Reads {@code last/state.json} of a training output directory. */
  public static TrainingState readState(Path out) throws IOException {
    return TrainingCheckpoint.readState(out);
  }

  private SplittableRandom epochRandom(int epoch) {
    return new SplittableRandom(options.seed() * 1_000_003L + epoch);
  }

  private static int[] shuffled(int[] indices, SplittableRandom random) {
    int[] out = indices.clone();
    for (int i = out.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}
