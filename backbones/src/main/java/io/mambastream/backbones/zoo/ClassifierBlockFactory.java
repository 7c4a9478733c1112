package io.mambastream.backbones.zoo;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import io.mambastream.backbones.ssm.ScanChoice;
import io.mambastream.backbones.train.ModelArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a classifier from a model directory ({@link ModelArtifact}) for DJL's model loader: reads
 * {@code model.json}, builds the architecture with the inference scan of the model's device, and
 * loads {@code model.safetensors}. Named by {@code blockFactory} in the directory's {@code
 * serving.properties} (which also sets {@code option.hasParameter=false}: the weights are loaded
 * here, not from DJL's .params format).
 */
public final class ClassifierBlockFactory implements BlockFactory {

  private static final long serialVersionUID = 1L;

  @Override
  public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
    return ModelArtifact.load(
        modelPath, model.getNDManager(), ScanChoice.forInference(model.getNDManager().getDevice()));
  }
}
