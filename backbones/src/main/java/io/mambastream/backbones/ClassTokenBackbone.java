package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Base of the patch backbones with a class token (ViT, Vim): {@code cls_token} and {@code
 * pos_embed} (a {@link ClassToken}), the linear head on the class embedding (a {@link
 * ClassTokenHead}), and the initialisation order patch embedding, encoder, head.
 *
 * <table>
 *   <caption>Shapes (M = (S / P)², L = M + 1)</caption>
 *   <tr><th>value</th><th>shape</th></tr>
 *   <tr><td>input</td><td>(B, C, S, S) at the configured image size S</td></tr>
 *   <tr><td>{@link #embed} output</td><td>(B, L, D)</td></tr>
 *   <tr><td>{@link #extract} map</td><td>(B, D, S / P, S / P), stride P, plus the class
 *       embedding (B, D)</td></tr>
 *   <tr><td>output of {@code forward}</td><td>(B, classes) logits</td></tr>
 * </table>
 */
public abstract class ClassTokenBackbone extends PatchBackbone {

  private final ClassToken classToken;
  private ClassTokenHead head;

  /**
   * Takes the sizes of {@code builder}, adds {@code patch_embed} and declares {@code cls_token} and
   * {@code pos_embed} for a class token at index {@code classTokenPosition}.
   */
  protected ClassTokenBackbone(PatchBackboneBuilder<?> builder, int classTokenPosition) {
    super(builder);
    classToken = new ClassToken(gridSize(), embedDim(), classTokenPosition, this::addParameter);
  }

  /**
   * Adds the child {@code head} if there are classes; a subclass calls it once in its constructor,
   * where the head stands among its children in the reference state dict.
   */
  protected final void addHead() {
    if (numClasses() > 0) {
      head = new ClassTokenHead(numClasses(), this::addChildBlock);
    }
  }

  /** Returns the index of the class token in the sequence. */
  public final int classTokenPosition() {
    return classToken.position();
  }

  /** Embeds patches, inserts the class token and adds the position embedding: (B, L, D). */
  public final NDArray embed(ParameterStore parameterStore, NDArray images, boolean training) {
    patchEmbed().checkSquare(images.getShape(), imageSize());
    NDArray tokens =
        PatchEmbed.tokens(patchEmbed().project(parameterStore, images, training)); // (B, M, D)
    return classToken.embed(parameterStore, tokens, training);
  }

  /** Splits the normed sequence (B, L, D) into the stride-P map and the class embedding. */
  protected final FeatureMaps features(NDArray normed) {
    return classToken.features(normed, patchSize());
  }

  @Override
  public final NDArray classify(
      ParameterStore parameterStore, FeatureMaps features, boolean training) {
    requireHead();
    return head.apply(parameterStore, features, training); // (B, classes)
  }

  /** Initialises the layers and the final norm for sequences of shape {@code sequence}. */
  protected abstract void initializeEncoder(NDManager manager, DataType dataType, Shape sequence);

  @Override
  protected final void initializeChildBlocks(
      NDManager manager, DataType dataType, Shape... shapes) {
    Shape images = shapes[0];
    patchEmbed().initialize(manager, dataType, images);
    initializeEncoder(manager, dataType, classToken.sequence(images.get(0)));
    if (head != null) {
      head.initialize(manager, dataType, images.get(0), embedDim());
    }
  }
}
