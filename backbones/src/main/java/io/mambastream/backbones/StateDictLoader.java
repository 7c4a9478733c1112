package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.mambastream.backbones.checkpoint.CheckReport;
import io.mambastream.backbones.checkpoint.StateDict;
import io.mambastream.backbones.checkpoint.StateDictCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies a state dict into the parameters of an initialised block by {@link StateDictNames},
 * strictly: every parameter must be present with its shape and every entry must name a parameter
 * (PyTorch's {@code load_state_dict(strict=True)}).
 */
public final class StateDictLoader {

  private StateDictLoader() {}

  /** Returns the state-dict names and shapes of the parameters of an initialised block. */
  public static Map<String, Shape> expectedShapes(Block block) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    StateDictNames.of(block).forEach((name, p) -> shapes.put(name, p.getArray().getShape()));
    return shapes;
  }

  /**
   * Checks {@code weights} against the block and overwrites its parameters in place.
   *
   * @return the (clean) comparison of names and shapes
   * @throws io.mambastream.backbones.checkpoint.CheckpointMismatchException listing every missing,
   *     unexpected and mis-shaped name; nothing is loaded then
   */
  public static CheckReport load(Block block, StateDict weights) {
    StateDictCheck.builder().setExpected(expectedShapes(block)).build().verify(weights);
    for (Map.Entry<String, Parameter> entry : StateDictNames.of(block).entrySet()) {
      NDArray target = entry.getValue().getArray();
      try (NDManager scratch = target.getManager().newSubManager()) {
        NDArray source = weights.toNDArray(entry.getKey(), scratch);
        target.set(source.toType(target.getDataType(), false).toByteBuffer());
      }
    }
    return StateDictCheck.builder().setExpected(expectedShapes(block)).build().check(weights);
  }
}
