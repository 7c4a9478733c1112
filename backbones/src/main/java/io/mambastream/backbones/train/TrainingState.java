package io.mambastream.backbones.train;

import java.util.List;

/**
 * The resumable state written after every epoch ({@code last/state.json}), beside the weights and
 * the optimizer moments. The shuffling and augmentation RNG is derived from {@code seed} and the
 * epoch number, so the seed is the whole RNG state.
 *
 * @param config the model being trained
 * @param options the options of the run
 * @param epoch the last completed epoch (1-based)
 * @param step optimizer steps taken
 * @param seed the run's seed
 * @param bestEpoch the epoch with the best validation accuracy so far
 * @param bestValAccuracy that accuracy
 * @param history metrics of every completed epoch
 */
public record TrainingState(
    ClassifierConfig config,
    TrainOptionsJson options,
    int epoch,
    long step,
    long seed,
    int bestEpoch,
    double bestValAccuracy,
    List<EpochMetrics> history) {

  /** Copies the history. */
  public TrainingState {
    history = List.copyOf(history);
  }

  /**
   * {@link TrainOptions} as JSON-friendly values (the output directory as a string).
   *
   * @param epochs total epochs
   * @param batchSize batch size
   * @param learningRate peak learning rate
   * @param weightDecay weight decay
   * @param warmupEpochs warm-up epochs
   * @param labelSmoothing label smoothing
   * @param augment augmentation on
   * @param gpu trained on a GPU
   * @param limit training item limit (0: all)
   * @param valSize validation items
   * @param initFrom the model directory whose weights started the run (null: random init)
   * @param dropPath the largest stochastic-depth rate (0: off)
   * @param emaDecay the weight average's decay (0: off; absent in older checkpoints)
   * @param mixupAlpha Mixup's α (0: off)
   * @param cutmixAlpha CutMix's α (0: off)
   */
  public record TrainOptionsJson(
      int epochs,
      int batchSize,
      double learningRate,
      double weightDecay,
      double warmupEpochs,
      double labelSmoothing,
      boolean augment,
      boolean gpu,
      int limit,
      int valSize,
      String initFrom,
      double dropPath,
      double emaDecay,
      double mixupAlpha,
      double cutmixAlpha) {

    /**
     * Whether {@code other} trains the same way: every option but the schedule's length and the
     * device, which a resumed run may change.
     */
    public boolean sameRecipe(TrainOptionsJson other) {
      return batchSize == other.batchSize
          && learningRate == other.learningRate
          && weightDecay == other.weightDecay
          && warmupEpochs == other.warmupEpochs
          && labelSmoothing == other.labelSmoothing
          && augment == other.augment
          && limit == other.limit
          && valSize == other.valSize
          && dropPath == other.dropPath
          && emaDecay == other.emaDecay
          && mixupAlpha == other.mixupAlpha
          && cutmixAlpha == other.cutmixAlpha;
    }

    /** The JSON view of {@code options}. */
    public static TrainOptionsJson of(TrainOptions options) {
      return new TrainOptionsJson(
          options.epochs(),
          options.batchSize(),
          options.learningRate(),
          options.weightDecay(),
          options.warmupEpochs(),
          options.labelSmoothing(),
          options.augment(),
          options.gpu(),
          options.limit(),
          options.valSize(),
          options.initFrom() == null ? null : options.initFrom().toString(),
          options.dropPath(),
          options.emaDecay(),
          options.mixupAlpha(),
          options.cutmixAlpha());
    }
  }
}
