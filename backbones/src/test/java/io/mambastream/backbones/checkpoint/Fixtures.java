package io.mambastream.backbones.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed fixture files of {@code src/test/resources/checkpoint/}, written by {@code
 * make_fixtures.py} with torch 1.13, and the values torch itself recorded in {@code expected.json}.
 */
final class Fixtures {
  private static final JsonNode EXPECTED = loadExpected();

  private Fixtures() {}

  /** The path of fixture {@code name}. */
  static Path path(String name) {
    URL url = Fixtures.class.getResource("/checkpoint/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode loadExpected() {
    try {
      return new ObjectMapper().readTree(path("expected.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that {@code actual} holds exactly the tensors torch recorded under {@code key}: same
   * order, element types, shapes and values (bit for bit after conversion to float32; integers also
   * as longs).
   */
  static void assertMatchesTorch(StateDict actual, String key) {
    JsonNode expected = EXPECTED.get(key);
    assertThat(expected).as("expected.json entry %s", key).isNotNull();
    List<String> order = new ArrayList<>();
    expected.get("order").forEach(name -> order.add(name.textValue()));
    assertThat(actual.names()).containsExactlyElementsOf(order);
    for (String name : order) {
      JsonNode spec = expected.get("tensors").get(name);
      TensorData tensor = actual.get(name);
      assertThat(tensor.dtype().safetensorsName())
          .as("dtype of %s", name)
          .isEqualTo(spec.get("dtype").textValue());
      long[] shape = new long[spec.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = spec.get("shape").get(i).longValue();
      }
      assertThat(tensor.shape()).as("shape of %s", name).containsExactly(shape);
      JsonNode values = spec.get("values");
      float[] floats = tensor.toFloatArray();
      assertThat(floats).as("values of %s", name).hasSize(values.size());
      for (int i = 0; i < floats.length; i++) {
        float want = (float) values.get(i).doubleValue();
        assertThat(Float.floatToIntBits(floats[i]))
            .as("%s[%d] = %s, torch says %s", name, i, floats[i], want)
            .isEqualTo(Float.floatToIntBits(want));
      }
      if (!tensor.dtype().isFloatingPoint()) {
        long[] longs = tensor.toLongArray();
        for (int i = 0; i < longs.length; i++) {
          assertThat(longs[i]).as("%s[%d]", name, i).isEqualTo(values.get(i).longValue());
        }
      }
    }
  }
}
