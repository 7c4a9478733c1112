package io.mambastream.backbones.zoo;

import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelZoo;
import java.util.List;
import java.util.Set;

/** The zoo of group {@code io.mambastream}: one loader per model shipped in the jar. */
public final class MambaModelZoo extends ModelZoo {

  /** The group id of every mambastream model. */
  public static final String GROUP_ID = "io.mambastream";

  @Override
  public String getGroupId() {
    return GROUP_ID;
  }

  @Override
  public List<ModelLoader> getModelLoaders() {
    return ShippedModels.names().stream().<ModelLoader>map(ShippedModelLoader::new).toList();
  }

  @Override
  public Set<String> getSupportedEngines() {
    return Set.of("PyTorch");
  }
}
