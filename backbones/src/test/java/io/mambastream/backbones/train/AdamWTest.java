package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW against the textbook update written out in doubles. */
class AdamWTest {

  @Test
  void threeStepsFollowTheTextbookUpdateWithAndWithoutDecay() {
    double lr = 0.01;
    double lambda = 0.1;
    float[] start = {0.5f, -1.5f, 2f, 0.25f};
    float[][] gradients = {{0.1f, -0.2f, 0.3f, 0f}, {-0.4f, 0.1f, 0.2f, 1e-3f}, {1f, 1f, -1f, 0f}};
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, Parameter> parameters = new LinkedHashMap<>();
      parameters.put("layers.0.weight", parameter("w", manager.create(start, new Shape(2, 2))));
      parameters.put("layers.0.bias", parameter("b", manager.create(start, new Shape(4))));
      parameters.values().forEach(p -> p.getArray().setRequiresGradient(true));
      AdamW optimizer = new AdamW(parameters, lambda, manager);

      double[][] expected = {toDouble(start), toDouble(start)}; // matrix (decayed), bias (not)
      double[][] m = new double[2][4];
      double[][] v = new double[2][4];
      for (int step = 1; step <= gradients.length; step++) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray loss = null; // Σ w ⊙ g: its gradient with respect to w is g
          for (Parameter parameter : parameters.values()) {
            NDArray w = parameter.getArray();
            NDArray term = w.mul(manager.create(gradients[step - 1]).reshape(w.getShape())).sum();
            loss = loss == null ? term : loss.add(term);
          }
          collector.backward(loss);
        }
        optimizer.step(lr, manager);
        for (int p = 0; p < 2; p++) {
          for (int i = 0; i < 4; i++) {
            double g = gradients[step - 1][i];
            m[p][i] = 0.9 * m[p][i] + 0.1 * g;
            v[p][i] = 0.999 * v[p][i] + 0.001 * g * g;
            if (p == 0) {
              expected[p][i] -= lr * lambda * expected[p][i];
            }
            double mHat = m[p][i] / (1 - Math.pow(0.9, step));
            double vHat = v[p][i] / (1 - Math.pow(0.999, step));
            expected[p][i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
          }
        }
        int p = 0;
        for (Parameter parameter : parameters.values()) {
          float[] actual = parameter.getArray().toFloatArray();
          for (int i = 0; i < 4; i++) {
            assertThat((double) actual[i])
                .as("step %d %s[%d]", step, parameter.getName(), i)
                .isCloseTo(expected[p][i], within(1e-6));
          }
          assertThat(parameter.getArray().getGradient().abs().sum().getFloat())
              .as("zeroed")
              .isZero();
          p++;
        }
      }
    }
  }

  private static Parameter parameter(String name, NDArray array) {
    Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    parameter.setArray(array);
    return parameter;
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
