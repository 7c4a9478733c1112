package io.mambastream.backbones.zoo;

import ai.djl.Device;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.checkpoint.Checkpoints;
import io.mambastream.backbones.checkpoint.StateDict;
import io.mambastream.backbones.ssm.ScanChoice;
import io.mambastream.backbones.train.ClassifierConfig;
import io.mambastream.backbones.train.ClassifierEvaluator;
import io.mambastream.backbones.train.Evaluation;
import io.mambastream.backbones.train.FashionBatches;
import io.mambastream.backbones.train.FashionNormalization;
import io.mambastream.backbones.train.ModelArtifact;
import io.mambastream.backbones.train.ModelCard;
import io.mambastream.backbones.vim.VisionMamba;
import io.mambastream.ingest.fashion.FashionMnist;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A loaded classifier (shipped model, model directory or bare checkpoint) with its card, for the
 * command line: logits of tensors, classifications of images, accuracy on Fashion-MNIST. Inference
 * uses {@link ScanChoice#forInference} (the fused kernel on CPU).
 */
public final class Classifier implements AutoCloseable {

  private final NDManager manager;
  private final Backbone model;
  private final ModelCard card;

  private Classifier(NDManager manager, Backbone model, ModelCard card) {
    this.manager = manager;
    this.model = model;
    this.card = card;
  }

  /** Opens a shipped model by artifact id, or a model directory by path or {@code file:} URL. */
  public static Classifier open(String modelOrDirectory, Device device) throws IOException {
    boolean url = modelOrDirectory.startsWith("file:");
    Path dir = url ? Path.of(URI.create(modelOrDirectory)) : Path.of(modelOrDirectory);
    if (url && !Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not a model directory");
    }
    if (Files.isDirectory(dir)) {
      return openDirectory(dir, device);
    }
    Path temporary = Files.createTempDirectory("mambastream-model");
    try {
      ShippedModels.extract(modelOrDirectory, temporary, null);
      return openDirectory(temporary, device);
    } finally {
      ShippedModels.deleteTree(temporary);
    }
  }

  private static Classifier openDirectory(Path dir, Device device) throws IOException {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      Backbone model = ModelArtifact.load(dir, manager, ScanChoice.forInference(device));
      return new Classifier(manager, model, ModelArtifact.readCard(dir));
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Opens a bare checkpoint (.safetensors or .pth): the architecture is inferred from its keys and
   * shapes ({@link ClassifierConfig#infer}); 10-class single-channel models get the Fashion-MNIST
   * names and normalisation, others numbered classes.
   */
  public static Classifier fromCheckpoint(Path file, int classTokenPosition, Device device)
      throws IOException {
    StateDict weights = Checkpoints.read(file);
    ClassifierConfig config = ClassifierConfig.infer(weights.shapes(), classTokenPosition);
    NDManager manager = NDManager.newBaseManager(device);
    try {
      Backbone model = config.build(ScanChoice.forInference(device));
      ModelArtifact.initialize(model, config, manager);
      ModelArtifact.loadWeights(file, model, manager);
      List<String> classes = new ArrayList<>();
      boolean fashion = config.numClasses() == 10 && config.inChannels() == 1;
      for (int i = 0; i < config.numClasses(); i++) {
        classes.add(fashion ? FashionMnist.CLASS_NAMES.get(i) : "class " + i);
      }
      ModelCard card =
          new ModelCard(
              file.getFileName().toString(),
              config,
              classes,
              FashionNormalization.MEAN,
              FashionNormalization.STD,
              Map.of(),
              Map.of());
      return new Classifier(manager, model, card);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Returns the card (configuration, classes, normalisation, recorded metrics). */
  public ModelCard card() {
    return card;
  }

  /** Returns the number of parameters. */
  public long parameterCount() {
    return ModelArtifact.parameterCount(model);
  }

  /**
   * Returns the logits of normalised images (N, C, H, W) as N rows of K.
   *
   * @throws IllegalArgumentException if the shape does not match the model
   */
  public float[][] logits(NDArray images) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray input = images.toDevice(manager.getDevice(), true);
      input.attach(scope);
      NDArray out =
          model
              .forward(new ParameterStore(scope, false), new NDList(input), false)
              .singletonOrThrow();
      return rows(out);
    }
  }

  /**
   * Returns the penultimate features of images: the class embedding that the head reads (the final
   * norm's output at the class token, see {@link #featureLayer}), one row of D per image. The
   * images are converted exactly as in {@link #classify} and run as one batch.
   *
   * <table>
   *   <caption>Shapes</caption>
   *   <tr><th>value</th><th>shape</th></tr>
   *   <tr><td>each image</td><td>(H, W, C) any size, C = 1 or 3</td></tr>
   *   <tr><td>model input</td><td>(B, 1, S, S), S = the model's image size</td></tr>
   *   <tr><td>result</td><td>B rows of D</td></tr>
   * </table>
   *
   * @throws IllegalArgumentException if {@code images} is empty
   */
  public float[][] features(List<Image> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images to compute features of");
    }
    FashionPreprocessing preprocessing = new FashionPreprocessing(card);
    try (NDManager scope = manager.newSubManager()) {
      NDList inputs = new NDList(images.size());
      for (Image image : images) {
        inputs.add(preprocessing.apply(image.toNDArray(scope, Image.Flag.COLOR))); // (1, S, S)
      }
      NDArray batch = NDArrays.stack(inputs); // (B, 1, S, S)
      NDArray embedding =
          model
              .extract(new ParameterStore(scope, false), batch, false)
              .classEmbedding()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          card.name()
                              + " ("
                              + card.config().architecture()
                              + ") has no class token: its penultimate features are defined"
                              + " for class-token models (Vim, ViT)"));
      return rows(embedding.toDevice(Device.cpu(), false)); // (B, D)
    }
  }

  /** Names the layer that {@link #features} reads, e.g. for a report next to an FID. */
  public String featureLayer() {
    String where =
        model instanceof VisionMamba vim
            ? "norm_f at the class token (sequence index " + vim.classTokenPosition() + ")"
            : "the final norm at the class token";
    return "penultimate: " + where + ", the input of the head, D = " + model.embedDim();
  }

  private static float[][] rows(NDArray matrix) {
    int rows = Math.toIntExact(matrix.getShape().get(0));
    int k = Math.toIntExact(matrix.getShape().get(1));
    float[] flat = matrix.toFloatArray();
    float[][] result = new float[rows][k];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * k, result[r], 0, k);
    }
    return result;
  }

  /** Classifies images (converted as in {@link ImageClassifierTranslator}). */
  public List<Classifications> classify(List<Image> images) {
    FashionPreprocessing preprocessing = new FashionPreprocessing(card);
    ClassificationOutput output = new ClassificationOutput(card.classes());
    List<Classifications> result = new ArrayList<>();
    for (Image image : images) {
      try (NDManager scope = manager.newSubManager()) {
        NDArray input = preprocessing.apply(image.toNDArray(scope, Image.Flag.COLOR)).expandDims(0);
        NDArray logits =
            model
                .forward(new ParameterStore(scope, false), new NDList(input), false)
                .singletonOrThrow();
        result.add(output.apply(new NDList(logits.toDevice(Device.cpu(), false))));
      }
    }
    return result;
  }

  /**
   * Returns loss, accuracy and confusion matrix on the first {@code limit} items of {@code data}
   * (0: all).
   */
  public Evaluation evaluate(FashionMnist data, int limit, IntConsumer progress) {
    int n = limit > 0 ? Math.min(limit, data.size()) : data.size();
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    return ClassifierEvaluator.evaluate(
        model, new FashionBatches(data), indices, 256, manager, progress);
  }

  @Override
  public void close() {
    manager.close();
  }
}
