package io.mambastream.backbones.train;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.MambaBackboneBuilder;
import io.mambastream.backbones.PatchBackboneBuilder;
import io.mambastream.backbones.PatchEmbed;
import io.mambastream.backbones.plainmamba.PlainMamba;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.vim.VimArchitecture;
import io.mambastream.backbones.vim.VisionMamba;
import io.mambastream.backbones.vit.VisionTransformer;
import io.mambastream.backbones.vmamba.VMamba;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The architecture and sizes of an image classifier, enough to rebuild it from a weights file.
 *
 * @param architecture {@code "vim"} (Vision Mamba), {@code "vit"} (ViT / DeiT), {@code
 *     "plainmamba"} (PlainMamba-style, zig-zag paths) or {@code "vmamba"} (VMamba-style,
 *     hierarchical)
 * @param embedDim width D (VMamba: the first stage's, doubled at each later stage)
 * @param depth number of layers (VMamba: the sum of {@code stageDepths})
 * @param patchSize patch size P (= stride)
 * @param dState SSM state size N (the Mamba architectures)
 * @param heads attention heads (ViT only)
 * @param imageSize square input size
 * @param inChannels input channels C
 * @param numClasses classes of the head
 * @param classTokenPosition index of the class token for Vim (-1: the middle, M // 2)
 * @param convStem whether the patch embedding starts with a convolutional stem ({@link
 *     io.mambastream.backbones.PatchEmbed}; false in cards written before it existed)
 * @param stageDepths blocks per stage (VMamba only; empty for the others and in older cards)
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
    boolean convStem,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> stageDepths) {

  /** The names {@link #preset} accepts. */
  public static final List<String> PRESETS =
      List.of("vim-tiny", "vim-small", "vit-tiny", "vit-small", "plainmamba-tiny", "vmamba-tiny");

  /** The architecture names. */
  public static final List<String> ARCHITECTURES = List.of("vim", "vit", "plainmamba", "vmamba");

  /**
   * Checks the architecture name and VMamba's stages; a missing {@code stageDepths} (older cards)
   * reads as none.
   */
  public ClassifierConfig {
    if (!ARCHITECTURES.contains(architecture)) {
      throw new IllegalArgumentException(
          "architecture must be one of " + ARCHITECTURES + ", got " + architecture);
    }
    stageDepths = stageDepths == null ? List.of() : List.copyOf(stageDepths);
    if ("vmamba".equals(architecture)) {
      if (stageDepths.isEmpty() || stageDepths.stream().anyMatch(d -> d <= 0)) {
        throw new IllegalArgumentException(
            "vmamba needs positive stage depths, got " + stageDepths);
      }
      int sum = stageDepths.stream().mapToInt(Integer::intValue).sum();
      if (depth != sum || patchSize != VMamba.PATCH_SIZE || convStem) {
        throw new IllegalArgumentException(
            "vmamba has depth = the sum of its stage depths ("
                + sum
                + "), patch "
                + VMamba.PATCH_SIZE
                + " and no conv stem; got depth "
                + depth
                + ", patch "
                + patchSize
                + (convStem ? ", conv stem" : ""));
      }
    } else if (!stageDepths.isEmpty()) {
      throw new IllegalArgumentException(
          "stage depths are for vmamba only, not " + architecture + ": " + stageDepths);
    }
  }

  /**
   * Returns a preset for Fashion-MNIST (28 px, 1 channel, 10 classes, patch 4): {@code vim-tiny}
   * (Vim-Ti widths: D 192, 24 layers), {@code vim-small} (384, 24), {@code vit-tiny} or {@code vit}
   * (DeiT-Ti: 192, 12 layers, 3 heads), {@code vit-small} (384, 12, 6 heads), {@code
   * plainmamba-tiny} (PlainMamba-L1: 192, 24 layers), {@code vmamba-tiny} (VMamba-T: widths 96 to
   * 768 over stages of 2, 2, 5 and 2 blocks, state 1).
   *
   * @throws IllegalArgumentException for another name
   */
  public static ClassifierConfig preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "vim-tiny", "vim" -> mamba("vim", 192, 24, 16);
      case "vim-small" -> mamba("vim", 384, 24, 16);
      case "vit-tiny", "vit" -> vit(192, 3);
      case "vit-small" -> vit(384, 6);
      case "plainmamba-tiny", "plainmamba" -> mamba("plainmamba", 192, 24, 16);
      case "vmamba-tiny", "vmamba" ->
          new ClassifierConfig(
              "vmamba", 96, 11, 4, 1, 0, 28, 1, 10, -1, false, List.of(2, 2, 5, 2));
      default ->
          throw new IllegalArgumentException(
              "unknown backbone " + name + "; expected one of " + PRESETS);
    };
  }

  private static ClassifierConfig mamba(String architecture, int dim, int depth, int dState) {
    return new ClassifierConfig(
        architecture, dim, depth, 4, dState, 0, 28, 1, 10, -1, false, List.of());
  }

  private static ClassifierConfig vit(int dim, int heads) {
    return new ClassifierConfig("vit", dim, 12, 4, 0, heads, 28, 1, 10, -1, false, List.of());
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

  /** Returns a copy with VMamba's blocks per stage (and the depth their sum). */
  public ClassifierConfig withStageDepths(int... depths) {
    List<Integer> list = Arrays.stream(depths).boxed().toList();
    return copy(
        c -> {
          c.stageDepths = list;
          c.depth = list.stream().mapToInt(Integer::intValue).sum();
        });
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
    private List<Integer> stageDepths;

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
      stageDepths = c.stageDepths;
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
          convStem,
          stageDepths);
    }
  }

  /** Returns the input shape of one image, (C, H, W). */
  public Shape imageShape() {
    return new Shape(inChannels, imageSize, imageSize);
  }

  /** Builds the (uninitialised) model; {@code scan} runs the Mamba mixers (ViT ignores it). */
  public Backbone build(SelectiveScan scan) {
    return switch (architecture) {
      case "vim" ->
          mambaSized(VisionMamba.builder(), scan).optClassTokenPosition(classTokenPosition).build();
      case "plainmamba" -> mambaSized(PlainMamba.builder(), scan).build();
      case "vmamba" ->
          VMamba.builder()
              .tiny() // the ratios of VMamba-T (SSM 1, MLP 4); sizes below
              .setEmbedDim(embedDim)
              .setDepths(stageDepths.stream().mapToInt(Integer::intValue).toArray())
              .optDState(dState)
              .optInChannels(inChannels)
              .optNumClasses(numClasses)
              .optScan(scan)
              .build();
      default -> patchSized(VisionTransformer.builder()).setHeads(heads).build();
    };
  }

  /** Applies the sizes every patch backbone takes: width, depth, patch, image, channels, stem. */
  private <B extends PatchBackboneBuilder<B>> B patchSized(B builder) {
    return builder
        .setEmbedDim(embedDim)
        .setDepth(depth)
        .optPatchSize(patchSize)
        .optImageSize(imageSize)
        .optInChannels(inChannels)
        .optNumClasses(numClasses)
        .optConvStem(convStem);
  }

  /** {@link #patchSized} plus the state size and scan of an isotropic Mamba backbone. */
  private <B extends MambaBackboneBuilder<B>> B mambaSized(B builder, SelectiveScan scan) {
    return patchSized(builder).optDState(dState).optScan(scan);
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
          patch.convStem(),
          List.of());
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
          patch.convStem(),
          List.of());
    }
    throw new IllegalArgumentException(
        "the state dict is neither a Vim (layers.0.mixer.A_log) nor a ViT (blocks.0.attn.qkv.weight);"
            + " a PlainMamba or VMamba classifier loads from its model directory (--model DIR),"
            + " whose model.json names the architecture");
  }
}
