package io.mambastream.backbones.train;

import ai.djl.ndarray.types.Shape;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.PatchEmbed;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.vim.VimArchitecture;
import io.mambastream.backbones.vim.VisionMamba;
import io.mambastream.backbones.vit.VisionTransformer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The architecture and sizes of an image classifier, enough to rebuild it from a weights file.
 *
 * @param architecture {@code "vim"} (Vision Mamba) or {@code "vit"} (ViT / DeiT)
 * @param embedDim width D
 * @param depth number of layers
 * @param patchSize patch size P (= stride)
 * @param dState SSM state size N (Vim only)
 * @param heads attention heads (ViT only)
 * @param imageSize square input size
 * @param inChannels input channels C
 * @param numClasses classes of the head
 * @param classTokenPosition index of the class token for Vim (-1: the middle, M // 2)
 * @param convStem whether the patch embedding starts with a convolutional stem ({@link
 *     io.mambastream.backbones.PatchEmbed}; false in cards written before it existed)
 */
public record ClassifierConfig(
    String architecture,
    int embedDim,
    int depth,
    int patchSize,
    int dState,
    int heads,
    int imageSize,
    int inChannels,
    int numClasses,
    int classTokenPosition,
    boolean convStem) {

  /** The names {@link #preset} accepts. */
  public static final List<String> PRESETS =
      List.of("vim-tiny", "vim-small", "vit-tiny", "vit-small");

  /** Checks the architecture name. */
  public ClassifierConfig {
    if (!"vim".equals(architecture) && !"vit".equals(architecture)) {
      throw new IllegalArgumentException("architecture must be vim or vit, got " + architecture);
    }
  }

  /**
   * Returns a preset for Fashion-MNIST (28 px, 1 channel, 10 classes, patch 4): {@code vim-tiny}
   * (Vim-Ti widths: D 192, 24 layers), {@code vim-small} (384, 24), {@code vit-tiny} or {@code vit}
   * (DeiT-Ti: 192, 12 layers, 3 heads), {@code vit-small} (384, 12, 6 heads).
   *
   * @throws IllegalArgumentException for another name
   */
  public static ClassifierConfig preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "vim-tiny", "vim" ->
          new ClassifierConfig("vim", 192, 24, 4, 16, 0, 28, 1, 10, -1, false);
      case "vim-small" -> new ClassifierConfig("vim", 384, 24, 4, 16, 0, 28, 1, 10, -1, false);
      case "vit-tiny", "vit" -> new ClassifierConfig("vit", 192, 12, 4, 0, 3, 28, 1, 10, -1, false);
      case "vit-small" -> new ClassifierConfig("vit", 384, 12, 4, 0, 6, 28, 1, 10, -1, false);
      default ->
          throw new IllegalArgumentException(
              "unknown backbone " + name + "; expected one of " + PRESETS);
    };
  }

  /** Returns a copy with width D. */
  public ClassifierConfig withEmbedDim(int value) {
    return copy(c -> c.embedDim = value);
  }

  /** Returns a copy with {@code value} layers. */
  public ClassifierConfig withDepth(int value) {
    return copy(c -> c.depth = value);
  }

  /** Returns a copy with patch size P. */
  public ClassifierConfig withPatchSize(int value) {
    return copy(c -> c.patchSize = value);
  }

  /** Returns a copy with state size N. */
  public ClassifierConfig withDState(int value) {
    return copy(c -> c.dState = value);
  }

  /** Returns a copy with {@code value} attention heads. */
  public ClassifierConfig withHeads(int value) {
    return copy(c -> c.heads = value);
  }

  /** Returns a copy with the class token at {@code value} (Vim; -1 for the middle). */
  public ClassifierConfig withClassTokenPosition(int value) {
    return copy(c -> c.classTokenPosition = value);
  }

  /** Returns a copy with or without a convolutional stem. */
  public ClassifierConfig withConvStem(boolean value) {
    return copy(c -> c.convStem = value);
  }

  private ClassifierConfig copy(Consumer<Fields> change) {
    Fields fields = new Fields(this);
    change.accept(fields);
    return fields.build();
  }

  /** The components as mutable fields, for the withers. */
  private static final class Fields {
    private final String architecture;
    private int embedDim;
    private int depth;
    private int patchSize;
    private int dState;
    private int heads;
    private final int imageSize;
    private final int inChannels;
    private final int numClasses;
    private int classTokenPosition;
    private boolean convStem;

    Fields(ClassifierConfig c) {
      architecture = c.architecture;
      embedDim = c.embedDim;
      depth = c.depth;
      patchSize = c.patchSize;
      dState = c.dState;
      heads = c.heads;
      imageSize = c.imageSize;
      inChannels = c.inChannels;
      numClasses = c.numClasses;
      classTokenPosition = c.classTokenPosition;
      convStem = c.convStem;
    }

    ClassifierConfig build() {
      return new ClassifierConfig(
          architecture,
          embedDim,
          depth,
          patchSize,
          dState,
          heads,
          imageSize,
          inChannels,
          numClasses,
          classTokenPosition,
          convStem);
    }
  }

  /** Returns the input shape of one image, (C, H, W). */
  public Shape imageShape() {
    return new Shape(inChannels, imageSize, imageSize);
  }

  /** Builds the (uninitialised) model; {@code scan} is used by Vim's mixers and ignored by ViT. */
  public Backbone build(SelectiveScan scan) {
    if ("vim".equals(architecture)) {
      return VisionMamba.builder()
          .setEmbedDim(embedDim)
          .setDepth(depth)
          .optDState(dState)
          .optPatchSize(patchSize)
          .optImageSize(imageSize)
          .optInChannels(inChannels)
          .optNumClasses(numClasses)
          .optClassTokenPosition(classTokenPosition)
          .optConvStem(convStem)
          .optScan(scan)
          .build();
    }
    return VisionTransformer.builder()
        .setEmbedDim(embedDim)
        .setDepth(depth)
        .setHeads(heads)
        .optPatchSize(patchSize)
        .optImageSize(imageSize)
        .optInChannels(inChannels)
        .optNumClasses(numClasses)
        .optConvStem(convStem)
        .build();
  }

  /**
   * Infers the configuration from the names and shapes of a state dict: Vim through {@link
   * VimArchitecture}, ViT from {@code patch_embed.proj.weight}, {@code pos_embed}, {@code
   * blocks.i.*} and {@code head.weight}. ViT's heads cannot be read from shapes: 64-wide heads are
   * assumed (DeiT's choice), at least one.
   *
   * @param classTokenPosition Vim's class-token index, -1 for the released configs' middle
   * @throws IllegalArgumentException if the state dict is neither
   */
  public static ClassifierConfig infer(Map<String, Shape> shapes, int classTokenPosition) {
    if (shapes.containsKey("layers.0.mixer.A_log")) {
      VisionMamba probe = VimArchitecture.infer(shapes).build();
      Shape aLog = shapes.get("layers.0.mixer.A_log");
      PatchEmbed.Sizes patch = PatchEmbed.sizesOf(shapes);
      return new ClassifierConfig(
          "vim",
          probe.embedDim(),
          probe.depth(),
          probe.patchSize(),
          Math.toIntExact(aLog.get(1)),
          0,
          probe.imageSize(),
          patch.inChannels(),
          probe.numClasses(),
          classTokenPosition,
          patch.convStem());
    }
    if (shapes.containsKey("blocks.0.attn.qkv.weight")) {
      PatchEmbed.Sizes patch = PatchEmbed.sizesOf(shapes);
      int dim = patch.embedDim();
      int patchSize = patch.patchSize();
      long patches = shapes.get("pos_embed").get(1) - 1;
      int grid = (int) Math.round(Math.sqrt(patches));
      int depth = 0;
      while (shapes.containsKey("blocks." + depth + ".attn.qkv.weight")) {
        depth++;
      }
      Shape head = shapes.get("head.weight");
      return new ClassifierConfig(
          "vit",
          dim,
          depth,
          patchSize,
          0,
          Math.max(1, dim / 64),
          grid * patchSize,
          patch.inChannels(),
          head == null ? 0 : Math.toIntExact(head.get(0)),
          -1,
          patch.convStem());
    }
    throw new IllegalArgumentException(
        "the state dict is neither a Vim (layers.0.mixer.A_log) nor a ViT (blocks.0.attn.qkv.weight)");
  }
}
