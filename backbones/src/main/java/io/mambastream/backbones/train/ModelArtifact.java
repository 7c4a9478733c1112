package io.mambastream.backbones.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.StateDictLoader;
import io.mambastream.backbones.StateDictNames;
import io.mambastream.backbones.checkpoint.Checkpoints;
import io.mambastream.backbones.checkpoint.StateDict;
import io.mambastream.backbones.ssm.SelectiveScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A classifier on disk, loadable through DJL's {@code Criteria} with a {@code file://} URL: {@code
 * model.json} ({@link ModelCard}), {@code model.safetensors} (weights by state-dict name) and
 * {@code serving.properties} (naming our block and translator factories).
 */
public final class ModelArtifact {

  /** The card file name. */
  public static final String CARD = "model.json";

  /** The weights file name. */
  public static final String WEIGHTS = "model.safetensors";

  /** DJL's per-model properties file name. */
  public static final String SERVING = "serving.properties";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelArtifact() {}

  /** Returns the shared JSON mapper for cards and training state. */
  static ObjectMapper json() {
    return JSON;
  }

  /** Writes card, weights of {@code block} and serving properties into {@code dir}. */
  public static void write(Path dir, ModelCard card, Block block) throws IOException {
    Files.createDirectories(dir);
    writeWeights(dir.resolve(WEIGHTS), block, Map.of("name", card.name()));
    writeCard(dir, card);
    String serving =
        "engine=PyTorch\n"
            + "application=cv/image_classification\n"
            + "blockFactory=io.mambastream.backbones.zoo.ClassifierBlockFactory\n"
            + "translatorFactory=io.mambastream.backbones.zoo.FashionTranslatorFactory\n"
            + "option.hasParameter=false\n";
    Files.writeString(dir.resolve(SERVING), serving, StandardCharsets.UTF_8);
  }

  /** Writes (or replaces) {@code model.json} in {@code dir}. */
  public static void writeCard(Path dir, ModelCard card) throws IOException {
    Files.writeString(dir.resolve(CARD), JSON.writeValueAsString(card), StandardCharsets.UTF_8);
  }

  /** Reads {@code model.json} of {@code dir}. */
  public static ModelCard readCard(Path dir) throws IOException {
    Path file = dir.resolve(CARD);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "not a model directory (no model.json)");
    }
    return JSON.readValue(file.toFile(), ModelCard.class);
  }

  /**
   * Builds the model of {@code dir}'s card with {@code scan}, initialises it in {@code manager} and
   * loads its weights (every parameter, nothing else).
   */
  public static Backbone load(Path dir, NDManager manager, SelectiveScan scan) throws IOException {
    ModelCard card = readCard(dir);
    Backbone model = card.config().build(scan);
    initialize(model, card.config(), manager);
    loadWeights(dir.resolve(WEIGHTS), model, manager);
    return model;
  }

  /** Initialises {@code block} for one image of {@code config}'s shape. */
  public static void initialize(Block block, ClassifierConfig config, NDManager manager) {
    Shape image = config.imageShape();
    block.initialize(
        manager, DataType.FLOAT32, new Shape(1, image.get(0), image.get(1), image.get(2)));
  }

  /** Saves the parameters of {@code block} by state-dict name as safetensors. */
  public static void writeWeights(Path file, Block block, Map<String, String> metadata)
      throws IOException {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    StateDictNames.of(block).forEach((name, parameter) -> arrays.put(name, parameter.getArray()));
    writeArrays(file, arrays, metadata);
  }

  /** Saves named arrays as safetensors (written to a temporary file, then moved into place). */
  public static void writeArrays(
      Path file, Map<String, NDArray> arrays, Map<String, String> metadata) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    Checkpoints.writeSafetensors(temporary, StateDict.fromNDArrays(arrays, metadata));
    Files.move(
        temporary,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Loads a safetensors or .pth file into the initialised {@code block}, strictly.
   *
   * @throws IllegalArgumentException listing missing, unexpected and mismatched names
   */
  public static void loadWeights(Path file, Block block, NDManager manager) throws IOException {
    StateDictLoader.load(block, Checkpoints.read(file));
  }

  /** Converts every tensor of {@code weights} to an NDArray in {@code manager}. */
  public static Map<String, NDArray> readArrays(StateDict weights, NDManager manager) {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    for (String name : weights.names()) {
      arrays.put(name, weights.toNDArray(name, manager));
    }
    return arrays;
  }

  /** Returns the number of parameters (scalars) of an initialised block. */
  public static long parameterCount(Block block) {
    long count = 0;
    for (Parameter parameter : StateDictNames.of(block).values()) {
      count += parameter.getArray().size();
    }
    return count;
  }
}
