package io.mambastream.backbones.cuda;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables {@link RequiresGpu} tests only where DJL's PyTorch engine sees a CUDA device; the reason
 * either way is printed in the test report.
 */
public final class GpuCondition implements ExecutionCondition {
  /** The start of the reason given when no GPU is visible. */
  static final String NO_GPU = "no CUDA device visible to DJL's PyTorch engine (CI has none)";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return evaluate();
  }

  /** Evaluates the condition for this JVM (the engine is started once). */
  static ConditionEvaluationResult evaluate() {
    Engine engine;
    try {
      engine = Engine.getEngine("PyTorch");
    } catch (RuntimeException | LinkageError e) {
      return ConditionEvaluationResult.disabled(NO_GPU + ": the engine did not start: " + e);
    }
    int gpus = engine.getGpuCount();
    String version = "PyTorch " + engine.getVersion();
    return gpus > 0
        ? ConditionEvaluationResult.enabled(gpus + " CUDA device(s) visible to " + version)
        : ConditionEvaluationResult.disabled(NO_GPU + "; engine " + version);
  }
}
