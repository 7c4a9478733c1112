package io.mambastream.backbones.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.AutogradSafe;
import io.mambastream.backbones.TimmLinear;
import io.mambastream.backbones.UnaryBlock;

/**
 * Multi-head self-attention with one fused qkv projection, as in timm's ViT.
 *
 * <pre>
 * q, k, v = split(qkv(x))                      (B, H, L, Dh) each
 * out     = proj(softmax(q·kᵀ / √Dh) · v)      (B, L, D)
 * </pre>
 *
 * <p>Parameters {@code qkv.weight} (3D, D), {@code qkv.bias} (3D), {@code proj.weight} (D, D),
 * {@code proj.bias} (D).
 */
public final class Attention extends UnaryBlock {

  private final int dim;
  private final int heads;
  private final Linear qkv;
  private final Linear proj;

  /** Creates attention of width {@code dim} with {@code heads} heads. */
  public Attention(int dim, int heads) {
    if (dim % heads != 0) {
      throw new IllegalArgumentException("dim " + dim + " is not divisible by heads " + heads);
    }
    this.dim = dim;
    this.heads = heads;
    qkv = addChildBlock("qkv", TimmLinear.of(3 * dim));
    proj = addChildBlock("proj", TimmLinear.of(dim));
  }

  /** Attends over {@code x}, (B, L, D). */
  @Override
  public NDArray apply(ParameterStore parameterStore, NDArray x, boolean training) {
    long batch = x.getShape().get(0);
    long length = x.getShape().get(1);
    long headDim = dim / heads;
    NDArray packed =
        qkv.forward(parameterStore, new NDList(x), training)
            .singletonOrThrow()
            .reshape(batch, length, 3, heads, headDim)
            .transpose(2, 0, 3, 1, 4); // (3, B, H, L, Dh)
    NDArray q = packed.get(0);
    q = q.mul(AutogradSafe.scalar(q, 1 / Math.sqrt(headDim))); // (B, H, L, Dh)
    NDArray k = packed.get(1);
    NDArray v = packed.get(2);
    NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1); // (B, H, L, L)
    NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, dim);
    return proj.forward(parameterStore, new NDList(mixed), training).singletonOrThrow();
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    qkv.initialize(manager, dataType, shapes[0]);
    proj.initialize(manager, dataType, shapes[0]);
  }
}
