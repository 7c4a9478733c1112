package io.mambastream.backbones.plainmamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.mambastream.backbones.mixer2d.MultiScanMixer;
import io.mambastream.backbones.scan.TokenGrid;
import io.mambastream.backbones.vit.LayerNorm;

/**
 * One PlainMamba layer: {@code x + mamba(norm(x))}, a pre-norm {@link MultiScanMixer} with a
 * residual.
 *
 * <p>Input and output (B, L, D) on an h×w grid, optionally a kept-mask (B, L); parameters {@code
 * norm.weight}, {@code norm.bias} (D) and {@code mamba.*}.
 */
public final class PlainMambaLayer extends AbstractBlock {

  private final LayerNorm norm;
  private final MultiScanMixer mamba;

  /** Creates a layer around {@code mamba} with a LayerNorm of its width. */
  public PlainMambaLayer(MultiScanMixer mamba) {
    norm = addChildBlock("norm", new LayerNorm(mamba.dModel(), 1e-5f));
    this.mamba = addChildBlock("mamba", mamba);
  }

  /** Returns the mixer. */
  public MultiScanMixer mamba() {
    return mamba;
  }

  /**
   * Runs the layer.
   *
   * @param x the tokens, (B, L, D) in row-major grid order
   * @param grid the token grid
   * @param keptMask 1 for kept, 0 for pruned tokens, (B, L), or null
   * @return (B, L, D)
   */
  public NDArray apply(
      ParameterStore parameterStore,
      NDArray x,
      TokenGrid grid,
      NDArray keptMask,
      boolean training) {
    NDArray normed = norm.apply(parameterStore, x, training);
    return x.add(mamba.mix(parameterStore, normed, grid, keptMask, training));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray keptMask = inputs.size() > 1 ? inputs.get(1) : null;
    int side = (int) Math.round(Math.sqrt(x.getShape().get(1)));
    return new NDList(apply(parameterStore, x, TokenGrid.of(side, side), keptMask, training));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, 1, mamba.dModel());
    norm.initialize(manager, dataType, tokens);
    mamba.initialize(manager, dataType, tokens);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
