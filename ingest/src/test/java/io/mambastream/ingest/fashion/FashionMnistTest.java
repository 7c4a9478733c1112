package io.mambastream.ingest.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

  /** An idx file of unsigned bytes with the given sizes, and values 0, 1, 2, ... (mod 256). */
  private static byte[] idx(int valueCount, int... dims) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + valueCount);
    buffer.putInt(0x0800 | dims.length);
    for (int d : dims) {
      buffer.putInt(d);
    }
    for (int i = 0; i < valueCount; i++) {
      buffer.put((byte) i);
    }
    return buffer.array();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  private static InputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  @Test
  void readsPlainAndGzippedIdx() throws IOException {
    byte[] images = idx(2 * 784, 2, 28, 28);
    byte[] labels = {0, 0, 8, 1, 0, 0, 0, 2, 7, 3};
    for (boolean zipped : new boolean[] {false, true}) {
      FashionMnist set =
          FashionMnist.read(
              in(zipped ? gzip(images) : images), in(zipped ? gzip(labels) : labels), "test");
      assertThat(set.size()).isEqualTo(2);
      assertThat(set.label(0)).isEqualTo(7);
      assertThat(set.label(1)).isEqualTo(3);
      // Value v sits at flat index v (mod 256): item 1, row 2, column 5 is 784 + 2·28 + 5 = 845.
      assertThat(set.pixel(1, 2, 5)).isEqualTo(845 % 256);
      assertThat(set.image(1)[0]).isEqualTo((byte) (784 % 256));
    }
  }

  @Test
  void rejectsWrongMagicSizeAndTruncation() {
    byte[] labels = {0, 0, 8, 1, 0, 0, 0, 1, 0};
    assertThatThrownBy(() -> FashionMnist.read(in(idx(784, 1, 784)), in(labels), "flat"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("magic number 0x00000802, expected 0x00000803");
    assertThatThrownBy(() -> FashionMnist.read(in(idx(32 * 32, 1, 32, 32)), in(labels), "big"))
        .hasMessageContaining("32x32, expected 28x28");
    byte[] truncated = Arrays.copyOf(idx(2 * 784, 2, 28, 28), 16 + 784 + 100);
    assertThatThrownBy(() -> FashionMnist.read(in(truncated), in(labels), "short"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("short images: truncated idx file");
    assertThatThrownBy(() -> FashionMnist.read(in(idx(2 * 784, 2, 28, 28)), in(labels), "count"))
        .hasMessageContaining("2 images but 1 labels");
    byte[] badLabel = {0, 0, 8, 1, 0, 0, 0, 1, 10};
    assertThatThrownBy(() -> FashionMnist.read(in(idx(784, 1, 28, 28)), in(badLabel), "label"))
        .hasMessageContaining("label 10 of item 0");
  }

  @Test
  void missingPackageNamesIt(@TempDir Path empty) {
    assertThatThrownBy(() -> FashionMnist.load(empty, FashionSplit.TEST))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .hasMessageContaining("t10k-images-idx3-ubyte.gz");
  }

  @Test
  void truncatedInstalledFileIsAnError(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(idx(100, 10_000, 28, 28)));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idx(10_000, 10_000)));
    assertThatThrownBy(() -> FashionMnist.load(dir, FashionSplit.TEST))
        .hasMessageContaining("truncated");
  }

  @Test
  void aSliceHoldsTheSameItemsAndNamesItsRange() {
    FashionMnist sample = FashionMnist.bundledSample();
    FashionMnist slice = sample.slice(90, 100);
    assertThat(slice.size()).isEqualTo(10);
    for (int i = 0; i < 10; i++) {
      assertThat(slice.label(i)).isEqualTo(sample.label(90 + i));
      assertThat(slice.image(i)).isEqualTo(sample.image(90 + i));
    }
    assertThat(slice.source()).endsWith("items 90..99");
    assertThat(sample.slice(5, 5).size()).isZero();
    assertThatThrownBy(() -> sample.slice(95, 101))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("95..101 of a set of 100");
  }

  @Test
  void bundledSampleHoldsTenItemsPerClass() {
    FashionMnist sample = FashionMnist.bundledSample();
    assertThat(sample.size()).isEqualTo(100);
    int[] perClass = new int[10];
    for (int i = 0; i < sample.size(); i++) {
      perClass[sample.label(i)]++;
    }
    assertThat(perClass).containsOnly(10);
    // Test item 0 of Fashion-MNIST is an ankle boot (class 9), item 1 a pullover (class 2).
    assertThat(sample.label(0)).isEqualTo(9);
    assertThat(sample.label(1)).isEqualTo(2);
  }

  @Test
  void installedSplitsHavePublishedSizesAndBalance() throws IOException {
    assumeTrue(
        Files.isDirectory(FashionMnist.INSTALLED_DIR), "dataset-fashion-mnist not installed");
    FashionMnist test = FashionMnist.load(FashionSplit.TEST);
    FashionMnist train = FashionMnist.load(FashionSplit.TRAIN);
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(train.size()).isEqualTo(60_000);
    int[] perClass = new int[10];
    for (int i = 0; i < test.size(); i++) {
      perClass[test.label(i)]++;
    }
    // The published test split is balanced: 1,000 items per class.
    assertThat(perClass).containsOnly(1000);
    // The sample's first items are the test split's first items (indices 0..73 are kept as is).
    FashionMnist sample = FashionMnist.bundledSample();
    for (int i = 0; i < 74; i++) {
      assertThat(sample.image(i)).isEqualTo(test.image(i));
      assertThat(sample.label(i)).isEqualTo(test.label(i));
    }
  }
}
