package io.mambastream.backbones.checkpoint;

import static io.mambastream.backbones.checkpoint.PickleBytes.modelWith;
import static io.mambastream.backbones.checkpoint.PickleBytes.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archive-level checks of the .pth reader on zips assembled here: layout, compression, sizes. */
class PthArchiveTest {
  @TempDir Path dir;

  /** Two floats 1.0 and -2.0, little-endian. */
  private static final byte[] TWO_FLOATS =
      ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(-2f).array();

  private static byte[] twoFloatTensor() {
    return modelWith("w", tensor("FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1}));
  }

  private Path archive(Map<String, byte[]> entries, boolean deflate) throws Exception {
    return PickleBytes.zip(Files.createTempFile(dir, "ckpt", ".pth"), entries, deflate);
  }

  private static Map<String, byte[]> entries(Object... nameAndBytes) {
    Map<String, byte[]> map = new LinkedHashMap<>();
    for (int i = 0; i < nameAndBytes.length; i += 2) {
      map.put((String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
    }
    return map;
  }

  private static void assertRefused(Path file, String reason) {
    assertThatThrownBy(() -> Checkpoints.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void readsAnyTopFolderName() throws Exception {
    Path file =
        archive(
            entries("my_model/data.pkl", twoFloatTensor(), "my_model/data/0", TWO_FLOATS), false);
    assertThat(Checkpoints.read(file).get("w").toFloatArray()).containsExactly(1f, -2f);
  }

  @Test
  void readsACompressedPickle() throws Exception {
    // re-zipping tools may deflate data.pkl; its inflated size is capped, so that is harmless
    Map<String, byte[]> entries = entries("a/data.pkl", twoFloatTensor(), "a/data/0", TWO_FLOATS);
    Path file =
        PickleBytes.zip(dir.resolve("deflated-pickle.pth"), entries, name -> name.endsWith(".pkl"));
    assertThat(Checkpoints.read(file).get("w").toFloatArray()).containsExactly(1f, -2f);
  }

  @Test
  void refusesCompressedStorages() throws Exception {
    Path file = archive(entries("a/data.pkl", twoFloatTensor(), "a/data/0", TWO_FLOATS), true);
    assertRefused(file, "storage entry a/data/0 is compressed");
  }

  @Test
  void refusesTwoPickles() throws Exception {
    Path file =
        archive(entries("a/data.pkl", twoFloatTensor(), "b/data.pkl", twoFloatTensor()), false);
    assertRefused(file, "expected one <folder>/data.pkl entry, found 2");
  }

  @Test
  void refusesBigEndianFiles() throws Exception {
    Path file =
        archive(
            entries(
                "a/data.pkl",
                twoFloatTensor(),
                "a/byteorder",
                "big".getBytes(),
                "a/data/0",
                TWO_FLOATS),
            false);
    assertRefused(file, "byteorder 'big' is unsupported");
  }

  @Test
  void refusesAStorageClaimOfTerabytesBeforeReadingIt() throws Exception {
    // 2^40 floats claimed, 8 bytes present: refused from the entry's declared size, nothing
    // allocated
    byte[] pickle =
        modelWith("w", tensor("FloatStorage", "0", 1L << 40, 0, new long[] {1}, new long[] {1}));
    Path file = archive(entries("a/data.pkl", pickle, "a/data/0", TWO_FLOATS), false);
    assertRefused(file, "holds 8 bytes, the pickle claims 4398046511104 (1099511627776 × FLOAT32)");
  }

  @Test
  void refusesBroadcastViewsThatWouldAllocateMoreThanTheFileHolds() throws Exception {
    byte[] pickle =
        modelWith(
            "w", tensor("FloatStorage", "0", 2, 0, new long[] {1 << 20, 2}, new long[] {0, 1}));
    Path file = archive(entries("a/data.pkl", pickle, "a/data/0", TWO_FLOATS), false);
    assertRefused(file, "more than its storage's 2");
  }

  @Test
  void refusesNegativeDimensions() throws Exception {
    byte[] pickle =
        modelWith("w", tensor("FloatStorage", "0", 2, 0, new long[] {-2}, new long[] {1}));
    Path file = archive(entries("a/data.pkl", pickle, "a/data/0", TWO_FLOATS), false);
    assertRefused(file, "negative dimension");
  }

  @Test
  void refusesAPickleInflatingBeyondTheCap() throws Exception {
    byte[] bomb = new byte[TorchUnpickler.MAX_PICKLE_BYTES + 1]; // zeros: deflates ~1000:1
    Path file = archive(entries("a/data.pkl", bomb), true);
    assertThat(Files.size(file)).isLessThan(200_000);
    assertRefused(file, "more than the 67108864 allowed");
  }

  @Test
  void refusesAnEntryInflatingBeyondItsDeclaredSize() throws Exception {
    byte[] pickle = twoFloatTensor();
    Path file = archive(entries("a/data.pkl", pickle, "a/data/0", TWO_FLOATS), true);
    // lower data.pkl's uncompressed size in the central directory: the zip now lies about it
    byte[] bytes = Files.readAllBytes(file);
    int central = indexOf(bytes, new byte[] {'P', 'K', 1, 2});
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(header.getInt(central + 24)).isEqualTo(pickle.length);
    header.putInt(central + 24, 10);
    Files.write(file, bytes);
    assertRefused(file, "entry a/data.pkl holds more bytes than it declares");
  }

  @Test
  void refusesFilesThatAreNoZip() throws Exception {
    Path file = Files.write(dir.resolve("text.pth"), "hello world".getBytes());
    assertRefused(file, "not a PyTorch zip checkpoint");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }
}
