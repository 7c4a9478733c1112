package io.mambastream.backbones.vim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal float32 safetensors reader for the parity fixture (8-byte little-endian header length,
 * JSON header of dtype/shape/offsets, raw little-endian data), local to the tests until the
 * checkpoint readers land.
 */
final class SafetensorsFixture {

  private SafetensorsFixture() {}

  static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = Math.toIntExact(bytes.getLong());
    String header = new String(bytes.array(), 8, headerLength, StandardCharsets.UTF_8);
    int dataStart = 8 + headerLength;
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry :
        JsonParser.parseString(header).getAsJsonObject().entrySet()) {
      if (entry.getKey().equals("__metadata__")) {
        continue;
      }
      JsonObject info = entry.getValue().getAsJsonObject();
      if (!info.get("dtype").getAsString().equals("F32")) {
        throw new IOException(entry.getKey() + " is not F32");
      }
      long[] dims =
          info.get("shape").getAsJsonArray().asList().stream()
              .mapToLong(JsonElement::getAsLong)
              .toArray();
      long begin = info.get("data_offsets").getAsJsonArray().get(0).getAsLong();
      long end = info.get("data_offsets").getAsJsonArray().get(1).getAsLong();
      float[] values = new float[Math.toIntExact((end - begin) / 4)];
      bytes.position(Math.toIntExact(dataStart + begin));
      bytes.asFloatBuffer().get(values);
      tensors.put(entry.getKey(), manager.create(values, new Shape(dims)));
    }
    return tensors;
  }
}
