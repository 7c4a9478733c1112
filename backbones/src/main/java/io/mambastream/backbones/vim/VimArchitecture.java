package io.mambastream.backbones.vim;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.PatchEmbed;
import io.mambastream.backbones.StateDictLoader;
import io.mambastream.backbones.checkpoint.StateDict;
import io.mambastream.backbones.ssm.SelectiveScan;
import java.util.Map;

/**
 * Infers a {@link VisionMamba} configuration from the keys and shapes of an official state dict.
 *
 * <table>
 *   <caption>Where each size is read</caption>
 *   <tr><th>size</th><th>from</th></tr>
 *   <tr><td>width D, channels C, patch P</td><td>{@code patch_embed.proj.weight} (D, C, P, P); with
 *       a convolutional stem C from {@code patch_embed.stem.weight} and P twice the kernel ({@link
 *       PatchEmbed#sizesOf})</td></tr>
 *   <tr><td>image size</td><td>{@code pos_embed} (1, M + 1, D): √M · P (square images)</td></tr>
 *   <tr><td>depth</td><td>the number of {@code layers.i.norm.weight}</td></tr>
 *   <tr><td>state N, expand</td><td>{@code layers.0.mixer.A_log} (E, N), E / D</td></tr>
 *   <tr><td>conv width, Δ rank</td><td>{@code conv1d.weight} (E, 1, K), {@code dt_proj.weight}
 *       (E, R)</td></tr>
 *   <tr><td>bidirectional</td><td>presence of {@code layers.0.mixer.A_b_log}</td></tr>
 *   <tr><td>classes</td><td>{@code head.weight} (classes, D); 0 without a head</td></tr>
 * </table>
 *
 * <p>The class token goes to the middle (M // 2), as in the released configs; the builder can
 * override it.
 */
public final class VimArchitecture {

  private VimArchitecture() {}

  /**
   * Returns a builder configured for the state dict with these shapes.
   *
   * @throws IllegalArgumentException if a key that fixes a size is missing or inconsistent
   */
  public static VisionMamba.Builder infer(Map<String, Shape> shapes) {
    require(shapes, "patch_embed.proj.weight", 4);
    PatchEmbed.Sizes patch = PatchEmbed.sizesOf(shapes);
    int dim = patch.embedDim();
    int patchSize = patch.patchSize();
    Shape pos = require(shapes, "pos_embed", 3);
    long patches = pos.get(1) - 1;
    long grid = Math.round(Math.sqrt(patches));
    if (grid * grid != patches) {
      throw new IllegalArgumentException(
          "pos_embed holds " + patches + " patch positions, not a square grid");
    }
    int depth = 0;
    while (shapes.containsKey("layers." + depth + ".norm.weight")) {
      depth++;
    }
    if (depth == 0) {
      throw new IllegalArgumentException("no layers.0.norm.weight: not a Vim state dict");
    }
    Shape aLog = require(shapes, "layers.0.mixer.A_log", 2);
    Shape conv = require(shapes, "layers.0.mixer.conv1d.weight", 3);
    Shape dtProj = require(shapes, "layers.0.mixer.dt_proj.weight", 2);
    Shape head = shapes.get("head.weight");
    return VisionMamba.builder()
        .setEmbedDim(dim)
        .setDepth(depth)
        .optInChannels(patch.inChannels())
        .optPatchSize(patchSize)
        .optConvStem(patch.convStem())
        .optImageSize(Math.toIntExact(grid * patchSize))
        .optDState(Math.toIntExact(aLog.get(1)))
        .optExpand(Math.toIntExact(aLog.get(0) / dim))
        .optDConv(Math.toIntExact(conv.get(2)))
        .optDtRank(Math.toIntExact(dtProj.get(1)))
        .optBidirectional(shapes.containsKey("layers.0.mixer.A_b_log"))
        .optNumClasses(head == null ? 0 : Math.toIntExact(head.get(0)));
  }

  /**
   * Builds the model a state dict describes, initialises it for batch 1 and loads the weights
   * strictly (see {@link StateDictLoader#load}); the parameters live in {@code manager}.
   *
   * @throws IllegalArgumentException if the sizes cannot be inferred
   * @throws io.mambastream.backbones.checkpoint.CheckpointMismatchException if a weight is missing,
   *     unexpected or misshapen
   */
  public static VisionMamba load(StateDict weights, NDManager manager, SelectiveScan scan) {
    VisionMamba model = infer(weights.shapes()).optScan(scan).build();
    int channels = PatchEmbed.sizesOf(weights.shapes()).inChannels();
    model.initialize(
        manager, DataType.FLOAT32, new Shape(1, channels, model.imageSize(), model.imageSize()));
    StateDictLoader.load(model, weights);
    return model;
  }

  private static Shape require(Map<String, Shape> shapes, String key, int dimensions) {
    Shape shape = shapes.get(key);
    if (shape == null) {
      throw new IllegalArgumentException("state dict lacks " + key + ": not a Vim state dict");
    }
    if (shape.dimension() != dimensions) {
      throw new IllegalArgumentException(
          key + " must have " + dimensions + " dimensions, got " + shape);
    }
    return shape;
  }
}
