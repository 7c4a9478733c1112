package io.mambastream.backbones;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names the parameters of a block tree as a PyTorch state dict does: child names joined by dots
 * ({@code layers.3.mixer.in_proj.weight}).
 *
 * <p>DJL stores each child under {@code "%02d" + name} (its position, then the name given to {@code
 * addChildBlock}); this class drops that position prefix. Our blocks name their children and
 * parameters exactly as the reference implementations, so a checkpoint maps by name.
 */
public final class StateDictNames {

  private StateDictNames() {}

  /** Returns every parameter of {@code block} under its state-dict name, in registration order. */
  public static Map<String, Parameter> of(Block block) {
    Map<String, Parameter> named = new LinkedHashMap<>();
    collect(block, "", named);
    return named;
  }

  private static void collect(Block block, String prefix, Map<String, Parameter> named) {
    for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
      named.put(prefix + parameter.getKey(), parameter.getValue());
    }
    int position = 1;
    for (Pair<String, Block> child : block.getChildren()) {
      String positional = String.format(Locale.ROOT, "%02d", position++);
      String name = child.getKey();
      if (name.startsWith(positional)) {
        name = name.substring(positional.length());
      }
      collect(child.getValue(), prefix + name + ".", named);
    }
  }
}
