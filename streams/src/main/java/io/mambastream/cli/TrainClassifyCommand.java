package io.mambastream.cli;

import io.mambastream.backbones.train.ClassifierConfig;
import io.mambastream.backbones.train.ClassifierTrainer;
import io.mambastream.backbones.train.EpochMetrics;
import io.mambastream.backbones.train.TrainOptions;
import io.mambastream.backbones.train.TrainResult;
import io.mambastream.backbones.train.TrainingListener;
import io.mambastream.ingest.fashion.FashionMnist;
import io.mambastream.ingest.fashion.FashionSplit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train classify}: trains a Fashion-MNIST classifier (Vim or ViT). */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Train an image classifier on Fashion-MNIST (AdamW, warm-up + cosine, label smoothing,",
      "augmentation; optional stochastic depth, weight EMA, Mixup/CutMix, conv stem). The",
      "last 5k training items validate (model selection; --val-size 0: none, last epoch kept);",
      "the 10k test items are evaluated once, at the end, with the best epoch's weights.",
      "Writes DIR/last (resumable checkpoint), DIR/best (a zoo model directory),",
      "DIR/metrics.csv, DIR/curves.png and DIR/result.json."
    })
public final class TrainClassifyCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainClassifyCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--backbone",
      description =
          "Preset: vim-tiny, vim-small, vit-tiny (= vit), vit-small, plainmamba-tiny (= plainmamba),"
              + " vmamba-tiny (= vmamba) (default: ${DEFAULT-VALUE}).")
  String backbone = "vim-tiny";

  @Option(names = "--dim", description = "Override the width D.")
  Integer dim;

  @Option(names = "--depth", description = "Override the number of layers (not VMamba: --depths).")
  Integer depth;

  @Option(
      names = "--depths",
      split = ",",
      paramLabel = "N,N,...",
      description = "VMamba: blocks per stage, e.g. 2,2,4 (three stages: 7×7, 4×4, 2×2 at 28 px).")
  int[] stageDepths;

  @Option(names = "--patch", description = "Override the patch size (divides 28: 4, 7, 14).")
  Integer patch;

  @Option(
      names = "--conv-stem",
      description =
          "Start the patch embedding with a 3×3 stride-2 convolution and SiLU, then (P/2)×(P/2)"
              + " patches: the same tokens from overlapping pixels (needs an even patch size).")
  boolean convStem;

  @Option(
      names = "--d-state",
      description = "Override the SSM state size N (Vim, PlainMamba, VMamba).")
  Integer dState;

  @Option(names = "--heads", description = "Override the attention heads (ViT).")
  Integer heads;

  @Option(
      names = "--epochs",
      description =
          "Epochs of the learning-rate schedule (default: 10; with --resume: the checkpoint's;"
              + " another number there stretches the cosine: a warm restart).")
  Integer epochs;

  @Option(
      names = "--time-budget",
      paramLabel = "MINUTES",
      description =
          "Fit the schedule to this wall time: after the last whole warm-up epoch, --epochs"
              + " shrinks to what fits (the log and the checkpoint give the number; needs"
              + " --warmup >= 1).")
  double timeBudgetMinutes;

  @Option(
      names = "--stop-after-epoch",
      paramLabel = "K",
      description =
          "Pause after epoch K with a checkpoint and no test evaluation; --resume continues the"
              + " same schedule exactly.")
  int stopAfterEpoch;

  @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch = 128;

  @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  double lr = 1e-3;

  @Option(names = "--weight-decay", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay = 0.05;

  @Option(names = "--warmup", description = "Warm-up epochs (default: ${DEFAULT-VALUE}).")
  double warmup = 1;

  @Option(
      names = "--label-smoothing",
      description = "Label smoothing ε (default: ${DEFAULT-VALUE}).")
  double labelSmoothing = 0.1;

  @Option(
      names = "--augment",
      negatable = true,
      description = "Random shift (pad 2), flip and erase (default: on).")
  boolean augment = true;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--drop-path",
      paramLabel = "RATE",
      description =
          "Stochastic depth (Vim, ViT): residual branches dropped per sample at rates rising linearly"
              + " from 0 to RATE (default: ${DEFAULT-VALUE}, off).")
  double dropPath;

  @Option(
      names = "--ema",
      paramLabel = "DECAY",
      description =
          "Keep an exponential moving average of the weights (e.g. 0.999); validation, OUT/best"
              + " and the test use it (default: ${DEFAULT-VALUE}, off).")
  double ema;

  @Option(
      names = "--mixup",
      paramLabel = "ALPHA",
      description =
          "Mixup: blend each batch with itself reversed, weight ~ Beta(ALPHA, ALPHA)"
              + " (default: ${DEFAULT-VALUE}, off).")
  double mixup;

  @Option(
      names = "--cutmix",
      paramLabel = "ALPHA",
      description =
          "CutMix: paste a box of the reversed batch, area ~ Beta(ALPHA, ALPHA); with --mixup,"
              + " each batch picks one (default: ${DEFAULT-VALUE}, off).")
  double cutmix;

  @CommandLine.Mixin DeviceOption device = new DeviceOption();

  @Option(names = "--out", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("train-out");

  @Option(
      names = "--name",
      description = "Artifact id of the best model (default: BACKBONE-fashion).")
  String name;

  @Option(
      names = "--init-from",
      paramLabel = "MODEL_DIR",
      description =
          "Start from the weights of a model directory of the same architecture (e.g. a run's"
              + " OUT/best): fine-tuning with a fresh optimizer and schedule.")
  Path initFrom;

  @Option(names = "--resume", description = "Continue from OUT/last.")
  boolean resume;

  @Option(
      names = "--limit",
      description = "Train on at most N items (validation and test on N / 5); 0 = all.")
  int limit;

  @Option(
      names = "--val-size",
      description =
          "Held-out validation items (default: ${DEFAULT-VALUE}); 0 trains on all of them and"
              + " keeps the last epoch (a final fit of a recipe chosen on validation).")
  int valSize = 5000;

  @Option(names = "--data", description = "Fashion-MNIST idx directory (default: the Debian one).")
  Path data = FashionMnist.INSTALLED_DIR;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    boolean gpu = device.device().isGpu();
    ClassifierConfig config = config();
    TrainOptions options =
        TrainOptions.builder()
            .setOutDir(out)
            .optEpochs(epochs != null ? epochs : resume ? 0 : 10)
            .optBatchSize(batch)
            .optLearningRate(lr)
            .optWeightDecay(weightDecay)
            .optWarmupEpochs(warmup)
            .optLabelSmoothing(labelSmoothing)
            .optAugment(augment)
            .optSeed(seed)
            .optGpu(gpu)
            .optResume(resume)
            .optLimit(limit)
            .optValSize(valSize)
            .optTimeBudgetSeconds(timeBudgetMinutes * 60)
            .optStopAfterEpoch(stopAfterEpoch)
            .optInitFrom(initFrom)
            .optDropPath(dropPath)
            .optEmaDecay(ema)
            .optMixupAlpha(mixup)
            .optCutmixAlpha(cutmix)
            .build();
    FashionMnist train = FashionMnist.load(data, FashionSplit.TRAIN);
    FashionMnist test = FashionMnist.load(data, FashionSplit.TEST);
    String artifact = name != null ? name : backbone + "-fashion";
    TrainResult result;
    try (BarListener bar = new BarListener(spec.commandLine().getErr())) {
      result = new ClassifierTrainer(config, options, train, test, artifact, bar).run();
    }
    try {
      TrainingCurves.write(out.resolve("curves.png"), result.history(), out);
    } catch (IOException | LinkageError e) { // AWT without a font library; the weights are saved
      LOG.warn("could not draw {}: {}", out.resolve("curves.png"), e.toString());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(stdout, result);
    } else if (!result.finished()) {
      EpochMetrics last = result.history().get(result.history().size() - 1);
      stdout.printf(
          Locale.ROOT,
          "paused after epoch %d of %d (best so far: epoch %d, val accuracy %.4f); %.1f s;"
              + " continue with the same flags without --epochs and --stop-after-epoch, and with"
              + " --resume%n",
          last.epoch(),
          result.epochs(),
          result.bestEpoch(),
          result.bestValAccuracy(),
          result.wallSeconds());
    } else {
      stdout.printf(
          Locale.ROOT,
          "best epoch %d of %d: val accuracy %.4f; test accuracy %.4f (%d items), loss %.4f;"
              + " %d parameters; %.1f s%n",
          result.bestEpoch(),
          result.epochs(),
          result.bestValAccuracy(),
          result.testAccuracy(),
          result.testItems(),
          result.testLoss(),
          result.parameters(),
          result.wallSeconds());
      stdout.println("model directory: " + result.bestDir());
    }
    stdout.flush();
    return 0;
  }

  private ClassifierConfig config() {
    ClassifierConfig config = ClassifierConfig.preset(backbone);
    if (dim != null) {
      config = config.withEmbedDim(dim);
    }
    if (depth != null) {
      if ("vmamba".equals(config.architecture())) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "VMamba takes --depths (blocks per stage), not --depth");
      }
      config = config.withDepth(depth);
    }
    if (stageDepths != null) {
      config = config.withStageDepths(stageDepths);
    }
    if (patch != null) {
      config = config.withPatchSize(patch);
    }
    if (dState != null) {
      config = config.withDState(dState);
    }
    if (heads != null) {
      config = config.withHeads(heads);
    }
    return convStem ? config.withConvStem(true) : config;
  }

  /** Renders one progress bar per epoch on stderr, with the running loss and accuracy. */
  private static final class BarListener implements TrainingListener, AutoCloseable {
    private final PrintWriter err;
    private ProgressBar bar;

    BarListener(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int batches) {
      close();
      bar =
          ProgressBars.open(
              err, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), batches, "batches");
    }

    @Override
    public void onBatch(int batch, double meanLoss, double meanAccuracy) {
      bar.stepTo(batch);
      bar.setExtraMessage(
          String.format(Locale.ROOT, " loss %.4f acc %.2f%%", meanLoss, 100 * meanAccuracy));
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
      if (bar != null) {
        bar.setExtraMessage(
            String.format(
                Locale.ROOT,
                " loss %.4f acc %.2f%% | val loss %.4f acc %.2f%%",
                metrics.trainLoss(),
                100 * metrics.trainAccuracy(),
                metrics.valLoss(),
                100 * metrics.valAccuracy()));
      }
      close();
    }

    @Override
    public void onScheduleFitted(
        int epochs, double budgetSeconds, int fitEpoch, double epochSeconds) {
      err.printf(
          Locale.ROOT,
          "time budget %.1f min, epoch %d took %.1f s: the schedule has %d epochs"
              + " (--epochs %d reproduces it)%n",
          budgetSeconds / 60,
          fitEpoch,
          epochSeconds,
          epochs,
          epochs);
      err.flush();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
        err.println(); // keeps each finished epoch's line
        err.flush();
      }
    }
  }
}
