package io.mambastream.backbones.vmamba;

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
 * VMamba's VSS block: a pre-norm SS2D mixer with a residual, then an optional pre-norm MLP with a
 * residual.
 *
 * <pre>
 * x = x + op(norm(x))          op: a {@link MultiScanMixer} (cross-scan, per-path weights)
 * x = x + mlp(norm2(x))        only with an MLP
 * </pre>
 *
 * <p>Input and output (B, L, C) on an H×W grid; parameters {@code norm.*}, {@code op.*}, {@code
 * norm2.*}, {@code mlp.*}.
 */
public final class VssBlock extends AbstractBlock {

  private final int channels;
  private final LayerNorm norm;
  private final MultiScanMixer op;
  private final LayerNorm norm2;
  private final Mlp mlp;

  /** Creates a block around {@code op}, with an MLP of {@code mlpHidden} units (0 for none). */
  public VssBlock(MultiScanMixer op, int mlpHidden) {
    channels = op.dModel();
    norm = addChildBlock("norm", new LayerNorm(channels, 1e-5f));
    this.op = addChildBlock("op", op);
    if (mlpHidden > 0) {
      norm2 = addChildBlock("norm2", new LayerNorm(channels, 1e-5f));
      mlp = addChildBlock("mlp", new Mlp(channels, mlpHidden));
    } else {
      norm2 = null;
      mlp = null;
    }
  }

  /** Returns the mixer. */
  public MultiScanMixer op() {
    return op;
  }

  /** Returns whether the block has the MLP branch. */
  public boolean hasMlp() {
    return mlp != null;
  }

  /** Runs the block on tokens (B, H·W, C) of {@code grid}. */
  public NDArray apply(ParameterStore parameterStore, NDArray x, TokenGrid grid, boolean training) {
    NDArray mixed =
        op.mix(parameterStore, norm.apply(parameterStore, x, training), grid, null, training);
    NDArray out = x.add(mixed);
    if (mlp != null) {
      out =
          out.add(mlp.apply(parameterStore, norm2.apply(parameterStore, out, training), training));
    }
    return out;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    int side = (int) Math.round(Math.sqrt(x.getShape().get(1)));
    return new NDList(apply(parameterStore, x, TokenGrid.of(side, side), training));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, 1, channels);
    norm.initialize(manager, dataType, tokens);
    op.initialize(manager, dataType, tokens);
    if (mlp != null) {
      norm2.initialize(manager, dataType, tokens);
      mlp.initialize(manager, dataType, tokens);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
