package io.mambastream.backbones.vmamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;
import io.mambastream.backbones.scan.TokenGrid;
import io.mambastream.backbones.vit.LayerNorm;

/**
 * Swin/VMamba patch merging: halves the grid and doubles the width by concatenating each 2×2
 * neighbourhood, normalising and projecting.
 *
 * <pre>
 * x      = pad(x) to even H, W (zeros at the bottom and right)    (B, H', W', C)
 * merged = concat(x[0::2, 0::2], x[1::2, 0::2], x[0::2, 1::2], x[1::2, 1::2])   (B, H'/2, W'/2, 4C)
 * out    = reduction(norm(merged))                                (B, H'/2·W'/2, C_out)
 * </pre>
 *
 * <p>Parameters: {@code norm.weight}, {@code norm.bias} (4C), {@code reduction.weight} (C_out, 4C),
 * no bias. Output grid: ⌈H/2⌉ × ⌈W/2⌉.
 */
public final class PatchMerging extends AbstractBlock {

  private final int inChannels;
  private final int outChannels;
  private final LayerNorm norm;
  private final Parameter reduction;

  /** Creates a merging of {@code inChannels} → {@code outChannels}. */
  public PatchMerging(int inChannels, int outChannels) {
    if (inChannels <= 0 || outChannels <= 0) {
      throw new IllegalArgumentException("channels must be positive");
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    norm = addChildBlock("norm", new LayerNorm(4 * inChannels, 1e-5f));
    reduction =
        addParameter(
            Parameter.builder()
                .setName("reduction.weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outChannels, 4L * inChannels))
                .optInitializer(new TruncatedNormalInitializer(0.02f))
                .build());
  }

  /** Returns the grid after merging {@code grid}: ⌈H/2⌉ × ⌈W/2⌉. */
  public static TokenGrid merged(TokenGrid grid) {
    return TokenGrid.of((grid.height() + 1) / 2, (grid.width() + 1) / 2);
  }

  /** Merges tokens (B, H·W, C) of {@code grid} into (B, ⌈H/2⌉·⌈W/2⌉, C_out). */
  public NDArray apply(
      ParameterStore parameterStore, NDArray tokens, TokenGrid grid, boolean training) {
    long batch = tokens.getShape().get(0);
    int h = grid.height();
    int w = grid.width();
    NDArray x = tokens.reshape(batch, h, w, inChannels); // (B, H, W, C)
    if (h % 2 != 0 || w % 2 != 0) {
      x = x.pad(new Shape(0, 0, 0, w % 2, 0, h % 2), 0); // last axis first, as torch's F.pad
    }
    NDArray merged =
        NDArrays.concat(
            new NDList(
                x.get(new NDIndex(":, 0::2, 0::2")),
                x.get(new NDIndex(":, 1::2, 0::2")),
                x.get(new NDIndex(":, 0::2, 1::2")),
                x.get(new NDIndex(":, 1::2, 1::2"))),
            3); // (B, H'/2, W'/2, 4C)
    TokenGrid out = merged(grid);
    NDArray normed =
        norm.apply(parameterStore, merged.reshape(batch, out.length(), 4L * inChannels), training);
    return Linear.linear(
            normed, parameterStore.getValue(reduction, tokens.getDevice(), training), null)
        .singletonOrThrow(); // (B, L', C_out)
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    throw new UnsupportedOperationException("call apply(store, tokens, grid, training)");
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    norm.initialize(manager, dataType, new Shape(1, 1, 4L * inChannels));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), -1, outChannels)};
  }
}
