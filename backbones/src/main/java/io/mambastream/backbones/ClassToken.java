package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import java.util.function.UnaryOperator;

/**
 * The class token and learned position embedding of a patch sequence on a square g×g grid: puts the
 * class token at a fixed index of the patch tokens and adds the position embedding, and splits the
 * normed sequence back into the patch map and the class embedding (ViT: index 0; Vim: the middle).
 *
 * <table>
 *   <caption>Shapes (M = g·g patches, L = M + 1)</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>{@code cls_token}, {@code pos_embed}</td><td>(1, 1, D), (1, L, D), truncated normal
 *       std 0.02</td></tr>
 *   <tr><td>{@link #embed} input, output</td><td>(B, M, D), (B, L, D)</td></tr>
 *   <tr><td>{@link #features} map, class embedding</td><td>(B, D, g, g), (B, D)</td></tr>
 * </table>
 *
 * <p>Its parameters are the owner's own {@code cls_token} and {@code pos_embed}, as in timm and the
 * official Vim.
 */
public final class ClassToken {

  private final int gridSize;
  private final int embedDim;
  private final int position;
  private final Parameter token;
  private final Parameter posEmbed;

  /**
   * Declares {@code cls_token} and {@code pos_embed} through {@code register} (the owning block's
   * {@code addParameter}), in that order, for a class token at index {@code position}.
   */
  public ClassToken(int gridSize, int embedDim, int position, UnaryOperator<Parameter> register) {
    this.gridSize = gridSize;
    this.embedDim = embedDim;
    this.position = position;
    TruncatedNormalInitializer std002 = new TruncatedNormalInitializer(0.02f);
    token = register.apply(Parameters.weight("cls_token", new Shape(1, 1, embedDim), std002));
    posEmbed =
        register.apply(
            Parameters.weight(
                "pos_embed", new Shape(1, (long) gridSize * gridSize + 1, embedDim), std002));
  }

  /** Returns the index of the class token in the sequence. */
  public int position() {
    return position;
  }

  /** Returns the shape (B, L, D) of the sequence of {@code batch} images. */
  public Shape sequence(long batch) {
    return new Shape(batch, (long) gridSize * gridSize + 1, embedDim);
  }

  /** Inserts the class token into patch tokens (B, M, D) and adds the position embedding. */
  public NDArray embed(ParameterStore parameterStore, NDArray tokens, boolean training) {
    NDArray cls =
        parameterStore
            .getValue(token, tokens.getDevice(), training)
            .broadcast(new Shape(tokens.getShape().get(0), 1, embedDim));
    cls.attach(tokens.getManager()); // (B, 1, D), freed with the activations, not the parameters
    NDList parts =
        position == 0
            ? new NDList(cls, tokens)
            : new NDList(
                tokens.get(new NDIndex(":, :{}", position)),
                cls,
                tokens.get(new NDIndex(":, {}:", position)));
    return NDArrays.concat(parts, 1) // (B, L, D)
        .add(parameterStore.getValue(posEmbed, tokens.getDevice(), training));
  }

  /** Splits a normed sequence (B, L, D) into the stride-{@code stride} patch map and the class. */
  public FeatureMaps features(NDArray normed, int stride) {
    NDArray classEmbedding = normed.get(new NDIndex(":, {}, :", position)); // (B, D)
    NDArray patches =
        position == 0
            ? normed.get(new NDIndex(":, 1:"))
            : NDArrays.concat(
                new NDList(
                    normed.get(new NDIndex(":, :{}", position)),
                    normed.get(new NDIndex(":, {}:", position + 1))),
                1); // (B, M, D)
    NDArray map =
        patches
            .transpose(0, 2, 1)
            .reshape(normed.getShape().get(0), embedDim, gridSize, gridSize); // (B, D, g, g)
    return FeatureMaps.single(new FeatureMap(map, stride), classEmbedding);
  }
}
