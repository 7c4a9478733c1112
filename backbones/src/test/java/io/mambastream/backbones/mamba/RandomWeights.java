package io.mambastream.backbones.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.mambastream.backbones.StateDictNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Seeded random weights for the mixer tests, large enough to make every term of the mix count. */
final class RandomWeights {
  private RandomWeights() {}

  /** Overwrites every parameter with seeded N(0, 0.5²) values; returns them by name. */
  static Map<String, float[]> randomize(Block block, long seed) {
    Random random = new Random(seed);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> entry : StateDictNames.of(block).entrySet()) {
      NDArray array = entry.getValue().getArray();
      float[] v = new float[Math.toIntExact(array.size())];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (random.nextGaussian() * 0.5);
      }
      array.set(v);
      values.put(entry.getKey(), v);
    }
    return values;
  }
}
