package io.mambastream.backbones.zoo;

import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooProvider;

/** Registers {@link MambaModelZoo} with DJL (through {@code META-INF/services}). */
public final class MambaZooProvider implements ZooProvider {

  @Override
  public ModelZoo getModelZoo() {
    return new MambaModelZoo();
  }
}
