package io.mambastream.backbones.train;

import java.nio.file.Path;

/**
 * How to train a classifier.
 *
 * @param epochs total epochs of the learning-rate schedule; 0 on {@code resume}: the checkpoint's
 *     (a different number stretches the cosine from the checkpoint on: a warm restart)
 * @param batchSize images per optimizer step
 * @param learningRate peak learning rate of AdamW
 * @param weightDecay decoupled weight decay of AdamW (matrices only)
 * @param warmupEpochs epochs of linear warm-up before the cosine decay (may be fractional)
 * @param labelSmoothing ε of the label-smoothed cross-entropy
 * @param augment whether to shift, flip and erase training images
 * @param seed seed of initialisation, shuffling and augmentation
 * @param gpu whether to train on the first GPU
 * @param outDir where checkpoints, metrics and the best model go
 * @param resume whether to continue from {@code outDir/last}
 * @param limit at most this many training items (0: all); validation and test then use limit / 5
 * @param valSize items at the end of the training split held out for model selection; 0 trains on
 *     every item (a final fit of a recipe chosen before: no validation, the last epoch is the
 *     model)
 * @param timeBudgetSeconds when positive, after the last whole warm-up epoch (at least epoch 1)
 *     that epoch's duration fits {@code epochs} down to what this wall time allows (the fitted
 *     number is kept in the checkpoint; needs at least one warm-up epoch, so that no learning rate
 *     used before the fit depends on it; a run paused before that epoch fits from the resumed run's
 *     clock)
 * @param stopAfterEpoch when positive, pause after this epoch with a checkpoint and no test
 *     evaluation; {@code resume} continues the same schedule exactly
 * @param initFrom when not null, a model directory ({@link ModelArtifact}) of the same architecture
 *     whose weights start the run (fine-tuning: the optimizer and the schedule start afresh); null:
 *     random initialisation from {@code seed}
 * @param dropPath the largest stochastic-depth rate (Vim and ViT; 0: off)
 * @param emaDecay when positive, the decay of an exponential moving average of the weights ({@link
 *     WeightEma}) that validation, {@code best/} and the test use; 0: the raw weights
 * @param mixupAlpha α of Mixup's Beta(α, α) mixing weight (0: off; {@link BatchMixer})
 * @param cutmixAlpha α of CutMix's Beta(α, α) area weight (0: off; with Mixup, each batch picks one
 *     of the two with probability 1/2)
 */
public record TrainOptions(
    int epochs,
    int batchSize,
    double learningRate,
    double weightDecay,
    double warmupEpochs,
    double labelSmoothing,
    boolean augment,
    long seed,
    boolean gpu,
    Path outDir,
    boolean resume,
    int limit,
    int valSize,
    double timeBudgetSeconds,
    int stopAfterEpoch,
    Path initFrom,
    double dropPath,
    double emaDecay,
    double mixupAlpha,
    double cutmixAlpha) {

  /** Checks the ranges. */
  public TrainOptions {
    if (epochs < 0 || epochs == 0 && !resume) {
      throw new IllegalArgumentException("epochs must be positive (0 only to resume as saved)");
    }
    if (batchSize <= 0 || learningRate <= 0 || limit < 0 || valSize < 0) {
      throw new IllegalArgumentException(
          "batch size and learning rate must be positive, validation size and limit >= 0");
    }
    if (timeBudgetSeconds < 0 || stopAfterEpoch < 0) {
      throw new IllegalArgumentException("time budget and stop-after epoch must be >= 0");
    }
    if (timeBudgetSeconds > 0 && warmupEpochs < 1) {
      throw new IllegalArgumentException(
          "a time budget needs at least 1 warm-up epoch: the schedule is fitted after the last"
              + " whole warm-up epoch,"
              + " and warm-up learning rates do not depend on the total");
    }
    if (!(dropPath >= 0 && dropPath < 1)) {
      throw new IllegalArgumentException("drop-path rate must be in [0, 1), got " + dropPath);
    }
    if (!(emaDecay >= 0 && emaDecay < 1)) {
      throw new IllegalArgumentException("EMA decay must be in [0, 1) (0: off), got " + emaDecay);
    }
    if (!(mixupAlpha >= 0 && cutmixAlpha >= 0)
        || Double.isInfinite(mixupAlpha)
        || Double.isInfinite(cutmixAlpha)) {
      throw new IllegalArgumentException(
          "Mixup and CutMix alphas must be finite and >= 0 (0: off), got "
              + mixupAlpha
              + ", "
              + cutmixAlpha);
    }
    if (initFrom != null && resume) {
      throw new IllegalArgumentException(
          "--init-from starts a new run; --resume continues one: choose one");
    }
    if (weightDecay < 0 || warmupEpochs < 0 || labelSmoothing < 0 || labelSmoothing >= 1) {
      throw new IllegalArgumentException(
          "weight decay and warm-up must be >= 0 and label smoothing in [0, 1)");
    }
  }

  /** Returns a builder with the defaults of {@code train classify}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.weightDecay = weightDecay;
    b.warmupEpochs = warmupEpochs;
    b.labelSmoothing = labelSmoothing;
    b.augment = augment;
    b.seed = seed;
    b.gpu = gpu;
    b.outDir = outDir;
    b.resume = resume;
    b.limit = limit;
    b.valSize = valSize;
    b.timeBudgetSeconds = timeBudgetSeconds;
    b.stopAfterEpoch = stopAfterEpoch;
    b.initFrom = initFrom;
    b.dropPath = dropPath;
    b.emaDecay = emaDecay;
    b.mixupAlpha = mixupAlpha;
    b.cutmixAlpha = cutmixAlpha;
    return b;
  }

  /** These options with {@code epochs} replaced (a fitted or resumed schedule). */
  public TrainOptions withEpochs(int epochs) {
    return toBuilder().optEpochs(epochs).build();
  }

  /**
   * Builds {@link TrainOptions}: {@link #setOutDir} is required; every other option has the default
   * of {@code train classify} (10 epochs, batch 128, lr 1e-3, decay 0.05, 1 warm-up epoch,
   * smoothing 0.1, augmentation on, seed 42, CPU, all items, 5,000 validation items).
   */
  public static final class Builder {
    private int epochs = 10;
    private int batchSize = 128;
    private double learningRate = 1e-3;
    private double weightDecay = 0.05;
    private double warmupEpochs = 1;
    private double labelSmoothing = 0.1;
    private boolean augment = true;
    private long seed = 42;
    private boolean gpu;
    private Path outDir;
    private boolean resume;
    private int limit;
    private int valSize = 5000;
    private double timeBudgetSeconds;
    private int stopAfterEpoch;
    private Path initFrom;
    private double dropPath;
    private double emaDecay;
    private double mixupAlpha;
    private double cutmixAlpha;

    private Builder() {}

    /** Sets the output directory (required). */
    public Builder setOutDir(Path outDir) {
      this.outDir = outDir;
      return this;
    }

    /** Sets the schedule's epochs (0 with {@link #optResume}: the checkpoint's). */
    public Builder optEpochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** Sets the batch size. */
    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Sets the peak learning rate. */
    public Builder optLearningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** Sets AdamW's decoupled weight decay. */
    public Builder optWeightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Sets the warm-up epochs (may be fractional). */
    public Builder optWarmupEpochs(double warmupEpochs) {
      this.warmupEpochs = warmupEpochs;
      return this;
    }

    /** Sets the label smoothing ε. */
    public Builder optLabelSmoothing(double labelSmoothing) {
      this.labelSmoothing = labelSmoothing;
      return this;
    }

    /** Turns augmentation on or off. */
    public Builder optAugment(boolean augment) {
      this.augment = augment;
      return this;
    }

    /** Sets the seed. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Trains on the first GPU when true. */
    public Builder optGpu(boolean gpu) {
      this.gpu = gpu;
      return this;
    }

    /** Continues from {@code outDir/last} when true. */
    public Builder optResume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /** Trains on at most this many items (0: all). */
    public Builder optLimit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Sets the validation items held out of the training split. */
    public Builder optValSize(int valSize) {
      this.valSize = valSize;
      return this;
    }

    /** Fits the schedule to this wall time (0: off). */
    public Builder optTimeBudgetSeconds(double timeBudgetSeconds) {
      this.timeBudgetSeconds = timeBudgetSeconds;
      return this;
    }

    /** Pauses after this epoch (0: never). */
    public Builder optStopAfterEpoch(int stopAfterEpoch) {
      this.stopAfterEpoch = stopAfterEpoch;
      return this;
    }

    /** Starts from this model directory's weights (null: random initialisation). */
    public Builder optInitFrom(Path initFrom) {
      this.initFrom = initFrom;
      return this;
    }

    /** Sets the largest stochastic-depth rate (0: off). */
    public Builder optDropPath(double dropPath) {
      this.dropPath = dropPath;
      return this;
    }

    /** Averages the weights with this EMA decay (0: off). */
    public Builder optEmaDecay(double emaDecay) {
      this.emaDecay = emaDecay;
      return this;
    }

    /** Mixes batches by Mixup with this Beta α (0: off). */
    public Builder optMixupAlpha(double mixupAlpha) {
      this.mixupAlpha = mixupAlpha;
      return this;
    }

    /** Mixes batches by CutMix with this Beta α (0: off). */
    public Builder optCutmixAlpha(double cutmixAlpha) {
      this.cutmixAlpha = cutmixAlpha;
      return this;
    }

    /** Checks the options and returns them. */
    public TrainOptions build() {
      if (outDir == null) {
        throw new IllegalArgumentException("the output directory is required");
      }
      return new TrainOptions(
          epochs,
          batchSize,
          learningRate,
          weightDecay,
          warmupEpochs,
          labelSmoothing,
          augment,
          seed,
          gpu,
          outDir,
          resume,
          limit,
          valSize,
          timeBudgetSeconds,
          stopAfterEpoch,
          initFrom,
          dropPath,
          emaDecay,
          mixupAlpha,
          cutmixAlpha);
    }
  }
}
