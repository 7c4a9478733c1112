package io.mambastream.backbones.zoo;

import ai.djl.Application;
import ai.djl.MalformedModelException;
import ai.djl.repository.MRL;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads one shipped model: extracts its archive to a temporary directory and hands it to DJL's
 * default loader (which reads {@code serving.properties}), keeping the caller's types, device and
 * translator. The extraction is fresh on each load, so no stale cache can shadow a newer archive.
 */
final class ShippedModelLoader implements ModelLoader {

  private final String artifactId;

  ShippedModelLoader(String artifactId) {
    this.artifactId = artifactId;
  }

  @Override
  public String getGroupId() {
    return MambaModelZoo.GROUP_ID;
  }

  @Override
  public String getArtifactId() {
    return artifactId;
  }

  @Override
  public Application getApplication() {
    return Application.CV.IMAGE_CLASSIFICATION;
  }

  @Override
  public MRL getMrl() {
    return MRL.undefined(
        Repository.newInstance(artifactId, ShippedModels.jarUrl(artifactId)),
        getGroupId(),
        artifactId);
  }

  @Override
  public <I, O> ZooModel<I, O> loadModel(Criteria<I, O> criteria)
      throws IOException, ModelNotFoundException, MalformedModelException {
    Path dir = Files.createTempDirectory("mambastream-" + artifactId);
    try {
      ShippedModels.extract(artifactId, dir, null);
      Criteria.Builder<I, O> builder =
          Criteria.builder()
              .setTypes(criteria.getInputClass(), criteria.getOutputClass())
              .optModelPath(dir)
              .optModelName(artifactId)
              .optEngine("PyTorch");
      if (criteria.getDevice() != null) {
        builder.optDevice(criteria.getDevice());
      }
      builder.optTranslatorFactory(
          criteria.getTranslatorFactory() != null
              ? criteria.getTranslatorFactory()
              : new FashionTranslatorFactory());
      if (criteria.getArguments() != null) {
        criteria.getArguments().forEach(builder::optArgument);
      }
      return builder.build().loadModel();
    } finally {
      ShippedModels.deleteTree(dir);
    }
  }

  @Override
  public <I, O> boolean isDownloaded(Criteria<I, O> criteria) {
    return true;
  }

  @Override
  public <I, O> void downloadModel(Criteria<I, O> criteria, Progress progress) {
    // shipped inside the jar: nothing to download
  }

  @Override
  public String toString() {
    return getGroupId() + ":" + artifactId;
  }
}
