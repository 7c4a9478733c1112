package io.mambastream.bench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.train.AdamW;
import io.mambastream.backbones.train.ClassifierConfig;
import io.mambastream.backbones.train.ModelArtifact;
import io.mambastream.backbones.train.SmoothedCrossEntropy;
import io.mambastream.bench.BenchCase;

/**
 * One training step of a classifier on random images and labels, as {@code train classify} takes
 * it: forward in training mode, label-smoothed cross-entropy, backward through a {@link
 * GradientCollector}, then an {@link AdamW} update (with that command's default learning rate,
 * weight decay and label smoothing).
 *
 * <p>The model and the optimizer's moments live in the manager given to {@link #create}; each
 * step's images, labels, activations and gradients live in a sub-manager opened by {@link
 * #before()} and closed by {@link #after()}, so memory does not grow over steps. {@link #run()}
 * ends by reading the loss back to the host, which waits for every kernel of the step queued on a
 * GPU.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>images</td><td>(B, C, H, W) standard normal</td></tr>
 *   <tr><td>labels</td><td>(B) int32, uniform in [0, K)</td></tr>
 *   <tr><td>loss</td><td>() scalar</td></tr>
 * </table>
 */
public final class TrainStep implements BenchCase {
  /** The learning rate of every step ({@code train classify}'s peak rate). */
  public static final double LEARNING_RATE = 1e-3;

  /** AdamW's decoupled weight decay ({@code train classify}'s default). */
  public static final double WEIGHT_DECAY = 0.05;

  /** ε of the label-smoothed cross-entropy ({@code train classify}'s default). */
  public static final double LABEL_SMOOTHING = 0.1;

  private final NDManager manager;
  private final Backbone model;
  private final AdamW optimizer;
  private final Shape images;
  private final int classes;
  private NDManager scope;
  private NDArray input;
  private NDArray labels;
  private float loss = Float.NaN;

  private TrainStep(NDManager manager, Backbone model, AdamW optimizer, Shape images, int classes) {
    this.manager = manager;
    this.model = model;
    this.optimizer = optimizer;
    this.images = images;
    this.classes = classes;
  }

  /**
   * Builds {@code config}'s model with {@code scan} (Vim; ignored by ViT), initialises it and its
   * optimizer in {@code manager} (on the manager's device) for batches of {@code batch} images.
   */
  public static TrainStep create(
      ClassifierConfig config, SelectiveScan scan, int batch, NDManager manager) {
    if (batch < 1 || config.numClasses() < 1) {
      throw new IllegalArgumentException(
          "a training step needs a batch >= 1 and a classifier head, got batch "
              + batch
              + " and "
              + config.numClasses()
              + " classes");
    }
    Backbone model = config.build(scan);
    ModelArtifact.initialize(model, config, manager);
    AdamW optimizer = new AdamW(StateDictNames.of(model), WEIGHT_DECAY, manager);
    Shape image = config.imageShape();
    Shape images = new Shape(batch, image.get(0), image.get(1), image.get(2));
    return new TrainStep(manager, model, optimizer, images, config.numClasses());
  }

  /** Returns the model being trained. */
  public Backbone model() {
    return model;
  }

  /** Returns the loss of the last step (NaN before the first). */
  public float loss() {
    return loss;
  }

  /** Opens the step's sub-manager and draws its images and labels there. */
  @Override
  public void before() {
    scope = manager.newSubManager();
    input = scope.randomNormal(images);
    labels = scope.randomInteger(0, classes, new Shape(images.get(0)), DataType.INT32);
  }

  /** Forward, loss, backward, update; then reads the loss back to the host. */
  @Override
  public void run() {
    NDArray value;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray logits =
          model
              .forward(new ParameterStore(scope, false), new NDList(input), true)
              .singletonOrThrow();
      value = SmoothedCrossEntropy.loss(logits, labels, LABEL_SMOOTHING);
      collector.backward(value);
    }
    optimizer.step(LEARNING_RATE, scope);
    // Read after the update: the copy waits for every kernel queued before it on the device.
    loss = value.getFloat();
  }

  /** Closes the step's sub-manager: activations, gradients and inputs are freed. */
  @Override
  public void after() {
    if (scope != null) {
      scope.close();
      scope = null;
    }
  }
}
