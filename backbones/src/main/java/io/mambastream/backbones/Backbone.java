package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * An image backbone: a DJL block whose {@code forward} returns class logits and whose {@link
 * #extract} returns the feature maps that detection and segmentation heads read.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>images</td><td>(B, C, H, W), normalised float32</td></tr>
 *   <tr><td>forward output</td><td>(B, classes) logits</td></tr>
 *   <tr><td>feature maps</td><td>(B, D, H / stride, W / stride)</td></tr>
 * </table>
 */
public interface Backbone extends Block {

  /** Runs the backbone up to its final norm and returns its feature maps. */
  FeatureMaps extract(ParameterStore parameterStore, NDArray images, boolean training);

  /** Applies the classification head to features from {@link #extract}; returns (B, classes). */
  NDArray classify(ParameterStore parameterStore, FeatureMaps features, boolean training);

  /** Returns the width D of the embedding. */
  int embedDim();
}
