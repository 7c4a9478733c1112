package io.mambastream.backbones;

import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base of the backbones: {@code forward} is always {@link #classify} of {@link #extract}, so the
 * logits and the heads' features come from one code path.
 */
public abstract class AbstractBackbone extends AbstractBlock implements Backbone {

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    FeatureMaps features = extract(parameterStore, inputs.singletonOrThrow(), training);
    return new NDList(classify(parameterStore, features, training));
  }
}
