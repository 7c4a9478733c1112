package io.mambastream.backbones.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.mambastream.backbones.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The resumable checkpoint of a training output directory: {@code last/weights.safetensors}, {@code
 * last/optimizer.safetensors} (AdamW moments), {@code last/ema.safetensors} (the weight average,
 * when the run keeps one) and {@code last/state.json} ({@link TrainingState}), plus the run's
 * {@code metrics.csv}, all rewritten after every epoch.
 */
final class TrainingCheckpoint {

  private static final String EMA = "ema.safetensors";

  private TrainingCheckpoint() {}

  /**
   * Writes the checkpoint of {@code state} with the weights of {@code model} under {@code out};
   * {@code ema}'s file is written when the run keeps an average.
   */
  static void write(Path out, TrainingState state, Block model, AdamW optimizer, WeightEma ema)
      throws IOException {
    Path last = out.resolve("last");
    Files.createDirectories(last);
    ModelArtifact.writeWeights(last.resolve("weights.safetensors"), model, Map.of());
    ModelArtifact.writeArrays(last.resolve("optimizer.safetensors"), optimizer.state(), Map.of());
    if (ema.enabled()) {
      ModelArtifact.writeArrays(last.resolve(EMA), ema.state(), Map.of());
    }
    Files.writeString(
        last.resolve("state.json"),
        ModelArtifact.json().writeValueAsString(state),
        StandardCharsets.UTF_8);
    MetricsCsv.write(out.resolve("metrics.csv"), state.history());
  }

  /** Reads {@code last/state.json} under {@code out}; a missing checkpoint is an error. */
  static TrainingState readState(Path out) throws IOException {
    Path file = out.resolve("last/state.json");
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "nothing to resume (no checkpoint)");
    }
    return ModelArtifact.json().readValue(file.toFile(), TrainingState.class);
  }

  /**
   * Loads the checkpoint's weights into {@code model}, its moments into {@code optimizer} and, when
   * the run keeps one, its weight average into {@code ema}.
   */
  static void restore(
      Path out, TrainingState state, Block model, AdamW optimizer, WeightEma ema, NDManager manager)
      throws IOException {
    ModelArtifact.loadWeights(out.resolve("last/weights.safetensors"), model, manager);
    try (NDManager scratch = manager.newSubManager()) {
      optimizer.restore(
          ModelArtifact.readArrays(
              Checkpoints.read(out.resolve("last/optimizer.safetensors")), scratch),
          state.step());
      if (ema.enabled()) {
        ema.restore(
            ModelArtifact.readArrays(Checkpoints.read(out.resolve("last").resolve(EMA)), scratch));
      }
    }
  }
}
