package io.mambastream.backbones;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;

/** The backward pass and gradient checks the block tests share. */
public final class GradientChecks {
  private GradientChecks() {}

  /**
   * Runs {@code block} in training mode on {@code input} and backpropagates Σ output · weights, a
   * loss whose gradient reaches every output element.
   */
  public static void backwardWeighted(
      Block block, ParameterStore store, NDArray input, NDArray weights) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray output = block.forward(store, new NDList(input), true).singletonOrThrow();
      collector.backward(output.mul(weights).sum());
    }
  }

  /** Asserts that {@code block} has {@code count} parameters and each has a nonzero gradient. */
  public static void assertEveryParameterHasAGradient(Block block, int count) {
    Map<String, Parameter> parameters = StateDictNames.of(block);
    assertThat(parameters).hasSize(count);
    parameters.forEach(
        (name, p) ->
            assertThat(p.getArray().getGradient().abs().sum().getFloat())
                .as("|grad %s|", name)
                .isPositive());
  }
}
