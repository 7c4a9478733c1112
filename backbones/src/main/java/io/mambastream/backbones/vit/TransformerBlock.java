package io.mambastream.backbones.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.DropPath;
import io.mambastream.backbones.TimmLinear;
import io.mambastream.backbones.UnaryBlock;

/**
 * A pre-norm transformer encoder layer: {@code x + attn(norm1(x))}, then {@code x + mlp(norm2(x))}
 * with {@code mlp = fc2(gelu(fc1(·)))}; in training each branch may be dropped per sample ({@link
 * DropPath}).
 *
 * <p>Input and output (B, L, D). Parameters {@code norm1.*}, {@code attn.*}, {@code norm2.*},
 * {@code mlp.fc1.*} (hidden width mlpRatio·D), {@code mlp.fc2.*}, named as in timm.
 */
public final class TransformerBlock extends UnaryBlock {

  private final LayerNorm norm1;
  private final Attention attn;
  private final LayerNorm norm2;
  private final Mlp mlp;
  private double dropPath;

  /** Creates a layer of width {@code dim}. */
  public TransformerBlock(int dim, int heads, int mlpRatio, float eps) {
    norm1 = addChildBlock("norm1", new LayerNorm(dim, eps));
    attn = addChildBlock("attn", new Attention(dim, heads));
    norm2 = addChildBlock("norm2", new LayerNorm(dim, eps));
    mlp = addChildBlock("mlp", new Mlp(dim, mlpRatio * dim));
  }

  /** Sets the rate at which training drops each residual branch per sample (0: never). */
  void setDropPath(double rate) {
    this.dropPath = DropPath.requireRate(rate);
  }

  /** Runs the layer on {@code x}, (B, L, D). */
  @Override
  public NDArray apply(ParameterStore parameterStore, NDArray x, boolean training) {
    NDArray a = attn.apply(parameterStore, norm1.apply(parameterStore, x, training), training);
    NDArray h = x.add(DropPath.apply(a, dropPath, training));
    NDArray m = mlp.apply(parameterStore, norm2.apply(parameterStore, h, training), training);
    return h.add(DropPath.apply(m, dropPath, training));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    norm1.initialize(manager, dataType, shapes[0]);
    attn.initialize(manager, dataType, shapes[0]);
    norm2.initialize(manager, dataType, shapes[0]);
    mlp.initialize(manager, dataType, shapes[0]);
  }

  /** The two-layer GELU MLP ({@code fc1}, {@code fc2}). */
  static final class Mlp extends UnaryBlock {
    private final Linear fc1;
    private final Linear fc2;
    private final int hidden;

    Mlp(int dim, int hidden) {
      this.hidden = hidden;
      fc1 = addChildBlock("fc1", TimmLinear.of(hidden));
      fc2 = addChildBlock("fc2", TimmLinear.of(dim));
    }

    @Override
    public NDArray apply(ParameterStore parameterStore, NDArray x, boolean training) {
      NDArray h = fc1.forward(parameterStore, new NDList(x), training).singletonOrThrow();
      return fc2.forward(parameterStore, new NDList(Activation.gelu(h)), training)
          .singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
      fc1.initialize(manager, dataType, shapes[0]);
      Shape in = shapes[0];
      fc2.initialize(manager, dataType, in.slice(0, in.dimension() - 1).add(hidden));
    }
  }
}
