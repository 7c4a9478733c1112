package io.mambastream.cli;

import ai.djl.Device;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.mambastream.backbones.zoo.Classifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code classify}: images or an .npy tensor through a shipped model or a checkpoint. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Classify images (grayscale, resized and normalised as in training) or an .npy tensor",
      "(float32 N×C×H×W, already normalised; prints logits) with a shipped model, a model",
      "directory, or a bare checkpoint whose architecture is inferred from its keys and shapes."
    })
public final class ClassifyCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--model",
        description = "Shipped artifact id (see `zoo list`) or a model directory.")
    String model;

    @Option(names = "--checkpoint", description = "A .safetensors or .pth state dict.")
    Path checkpoint;
  }

  @Option(
      names = "--class-token",
      description = "Class-token index for --checkpoint Vim models (default: the middle).")
  int classToken = -1;

  @Option(names = "--input", description = "A float32 .npy tensor N×C×H×W, already normalised.")
  Path input;

  @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Image files.")
  List<Path> images = new ArrayList<>();

  @Option(names = "--top", description = "Classes shown per image (default: ${DEFAULT-VALUE}).")
  int top = 3;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if ((input == null) == images.isEmpty()) {
      throw new IllegalArgumentException("give either IMAGE files or --input X.npy");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Classifier classifier =
        source.checkpoint != null
            ? Classifier.fromCheckpoint(source.checkpoint, classToken, Device.cpu())
            : Classifier.open(source.model, Device.cpu())) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("model", classifier.card().name());
      result.put("config", classifier.card().config());
      if (input != null) {
        float[][] logits = logitsOf(classifier, input);
        result.put("input", input.toString());
        result.put("logits", logits);
        List<Integer> predicted = new ArrayList<>();
        for (float[] row : logits) {
          predicted.add(argMax(row));
        }
        result.put("predicted", predicted);
        if (!json) {
          for (int i = 0; i < logits.length; i++) {
            out.printf(
                Locale.ROOT, "%d: %s%n", i, classifier.card().classes().get(predicted.get(i)));
          }
        }
      } else {
        List<Image> loaded = new ArrayList<>();
        for (Path image : images) {
          if (!Files.isRegularFile(image)) {
            throw new java.nio.file.NoSuchFileException(image.toString());
          }
          loaded.add(ImageFactory.getInstance().fromFile(image));
        }
        List<Classifications> classified = classifier.classify(loaded);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
          List<Map<String, Object>> best = new ArrayList<>();
          for (Classifications.Classification c : classified.get(i).topK(top)) {
            best.add(Map.of("class", c.getClassName(), "probability", c.getProbability()));
          }
          rows.add(Map.of("image", images.get(i).toString(), "top", best));
          if (!json) {
            Classifications.Classification first = classified.get(i).best();
            out.printf(
                Locale.ROOT,
                "%s: %s (%.1f%%)%n",
                images.get(i),
                first.getClassName(),
                100 * first.getProbability());
          }
        }
        result.put("images", rows);
      }
      if (json) {
        JsonOutput.print(out, result);
      }
    }
    out.flush();
    return 0;
  }

  private static float[][] logitsOf(Classifier classifier, Path npy) throws IOException {
    if (!Files.isRegularFile(npy)) {
      throw new java.nio.file.NoSuchFileException(npy.toString());
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray tensor = NDList.decode(manager, Files.readAllBytes(npy)).singletonOrThrow();
      if (tensor.getShape().dimension() != 4) {
        throw new IllegalArgumentException(npy + " must hold N×C×H×W, got " + tensor.getShape());
      }
      return classifier.logits(tensor.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
    }
  }

  private static int argMax(float[] row) {
    int best = 0;
    for (int i = 1; i < row.length; i++) {
      if (row[i] > row[best]) {
        best = i;
      }
    }
    return best;
  }
}
