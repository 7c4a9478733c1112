package io.mambastream.backbones.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One layer of a Mamba stack in the reference order Add → RMSNorm → Mixer, with the residual stream
 * carried beside the hidden states (in float32) instead of being added after the mixer.
 *
 * <pre>
 * residual' = residual + hidden        (residual' = hidden in the first layer)
 * hidden'   = mixer(norm(residual'))
 * </pre>
 *
 * <p>So the output of layer i is only added to the stream by layer i + 1 (or the final norm). As a
 * DJL block it takes {@code (hidden, [residual])}, each (B, L, D), and returns {@code (hidden',
 * residual')}. Parameters: {@code norm.weight} and {@code mixer.*}.
 */
public final class MambaLayer extends AbstractBlock {

  private final RmsNorm norm;
  private final MambaMixer mixer;

  /** Creates a layer around {@code mixer} with an RMSNorm of the mixer's width. */
  public MambaLayer(MambaMixer mixer) {
    this.mixer = mixer;
    // Registration order fixes the state-dict order of the reference: mixer first, then norm.
    addChildBlock("mixer", mixer);
    this.norm = addChildBlock("norm", new RmsNorm(mixer.dModel()));
  }

  /** Returns the mixer. */
  public MambaMixer mixer() {
    return mixer;
  }

  /**
   * Runs the layer.
   *
   * @param hidden the previous mixer output, (B, L, D)
   * @param residual the residual stream, (B, L, D), or null in the first layer
   * @param keptMask 1 for kept, 0 for pruned tokens, (B, L), or null
   * @return the new hidden states and residual stream
   */
  public Output apply(
      ParameterStore parameterStore,
      NDArray hidden,
      NDArray residual,
      NDArray keptMask,
      boolean training) {
    NDArray stream = residual == null ? hidden : residual.add(hidden);
    stream = stream.toType(DataType.FLOAT32, false);
    NDArray normed = norm.apply(parameterStore, stream, training);
    return new Output(mixer.mix(parameterStore, normed, keptMask, training), stream);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray residual = inputs.size() > 1 ? inputs.get(1) : null;
    Output out = apply(parameterStore, inputs.get(0), residual, null, training);
    return new NDList(out.hidden(), out.residual());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    mixer.initialize(manager, dataType, inputShapes[0]);
    norm.initialize(manager, dataType, inputShapes[0]);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0], inputShapes[0]};
  }

  /**
   * What a layer hands to the next.
   *
   * @param hidden the mixer output, (B, L, D)
   * @param residual the residual stream including this layer's input, (B, L, D)
   */
  public record Output(NDArray hidden, NDArray residual) {}
}
