package io.mambastream.backbones.checkpoint;

import static io.mambastream.backbones.checkpoint.PickleBytes.le;
import static io.mambastream.backbones.checkpoint.PickleBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader on malformed headers, and the writer on every element type. */
class SafetensorsTest {
  @TempDir Path dir;

  /** A file of the given header JSON followed by {@code dataBytes} zero bytes. */
  private Path file(String header, int dataBytes) throws Exception {
    return Files.write(
        Files.createTempFile(dir, "t", ".safetensors"),
        of(le(header.length(), 8), header, new byte[dataBytes]));
  }

  private void assertRefused(String header, int dataBytes, String reason) throws Exception {
    Path file = file(header, dataBytes);
    assertThatThrownBy(() -> Checkpoints.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining(reason);
  }

  @Test
  void readsAMinimalFile() throws Exception {
    StateDict weights =
        Checkpoints.read(
            file("{\"x\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8));
    assertThat(weights.get("x").toLongArray()).containsExactly(0, 0);
  }

  @Test
  void refusesMalformedHeaders() throws Exception {
    assertRefused(
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        4,
        "outside the 4 data bytes");
    assertRefused(
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
        8,
        "span 8 bytes, shape and dtype need 12");
    assertRefused(
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
        8,
        "tensors 'x' and 'y' overlap");
    assertRefused(
        "{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}",
        1,
        "unsupported safetensors dtype 'F8_E4M3'");
    assertRefused(
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, "non-negative");
    assertRefused(
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}",
        4,
        "overflows");
    assertRefused(
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "needs dtype, shape and data_offsets");
    assertRefused(
        "{\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},\"x\":{}}",
        1,
        "not valid JSON");
    assertRefused("[1, 2]", 0, "not a JSON object");
    assertRefused("{\"__metadata__\":{\"epoch\":3}}", 0, "metadata 'epoch' is not a string");
    assertRefused("{\"x\":", 0, "not valid JSON");
  }

  @Test
  void refusesHeaderLengthsBeyondTheFile() throws Exception {
    // the 9th byte is '{', so the content says safetensors; the length is checked before any read
    Path file = Files.write(dir.resolve("long.bin"), of(le(1L << 40, 8), "{}"));
    assertThatThrownBy(() -> Checkpoints.read(file))
        .hasMessageContaining("header length 1099511627776 is outside");
  }

  @Test
  void writesAndReadsEveryElementTypeWithMetadata() throws Exception {
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    byte[] sixteen = new byte[16];
    for (int i = 0; i < sixteen.length; i++) {
      sixteen[i] = (byte) (i * 37 + 1);
    }
    for (ElementType type : ElementType.values()) {
      int n = 16 / type.byteSize();
      byte[] bytes = sixteen.clone();
      if (type == ElementType.BOOL) {
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) (i % 2);
        }
      }
      tensors.put("t." + type, new TensorData(type, new long[] {n / 2, 2}, ByteBuffer.wrap(bytes)));
    }
    tensors.put("scalar", TensorData.ofFloats(new float[] {7f}));
    tensors.put("empty", TensorData.ofFloats(new float[0], 0, 3));
    StateDict weights = StateDict.of(tensors, Map.of("arch", "vim-tiny"));
    Path file = dir.resolve("all.safetensors");
    Checkpoints.writeSafetensors(file, weights);
    StateDict back = Checkpoints.read(file);
    assertThat(back.tensors()).isEqualTo(weights.tensors());
    assertThat(back.names()).containsExactlyElementsOf(weights.names());
    assertThat(back.metadata()).isEqualTo(Map.of("arch", "vim-tiny"));
    long headerLength =
        ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(headerLength % 8).isZero();
  }

  @Test
  void writesAnEmptyStateDict() throws Exception {
    Path file = dir.resolve("empty.safetensors");
    Checkpoints.writeSafetensors(file, StateDict.of(Map.of()));
    assertThat(Files.readAllBytes(file)).isEqualTo(of(le(8, 8), "{}      "));
    assertThat(Checkpoints.read(file).size()).isZero();
  }

  @Test
  void refusesATensorNamedLikeTheMetadata() {
    StateDict weights = StateDict.of(Map.of("__metadata__", TensorData.ofFloats(new float[] {1f})));
    assertThatThrownBy(() -> Checkpoints.writeSafetensors(dir.resolve("x.safetensors"), weights))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
