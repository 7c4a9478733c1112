package io.mambastream.backbones.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Strided views against the definition, and safetensors round trips, on random cases. */
class TensorViewPropertiesTest {

  /**
   * A random permutation of the dimensions of a row-major block of random size, at a random offset
   * in a larger storage, materialised, equals element-by-element lookup by the definition:
   * storage[offset + Σ i_d·stride_d], with i unravelled from the flat row-major index by div/mod.
   */
  @Property(tries = 300, seed = "20261127")
  void permutedViewsReadTheDefinedElements(
      @ForAll @IntRange(min = 0, max = 4) int rank,
      @ForAll @IntRange(min = 0, max = 5) int offset,
      @ForAll long seed) {
    Random random = new Random(seed);
    long[] baseShape = new long[rank];
    for (int d = 0; d < rank; d++) {
      baseShape[d] = 1 + random.nextInt(4);
    }
    long[] baseStride = new long[rank];
    long numel = 1;
    for (int d = rank - 1; d >= 0; d--) {
      baseStride[d] = numel;
      numel *= baseShape[d];
    }
    int[] permutation = shuffled(rank, random);
    long[] size = new long[rank];
    long[] stride = new long[rank];
    for (int d = 0; d < rank; d++) {
      size[d] = baseShape[permutation[d]];
      stride[d] = baseStride[permutation[d]];
    }
    int storageNumel = (int) numel + offset + random.nextInt(3);
    ByteBuffer storage = ByteBuffer.allocate(storageNumel * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < storageNumel; i++) {
      storage.putFloat(i * 4, random.nextFloat());
    }
    TensorView view =
        new TensorView(
            new StorageRef("0", ElementType.FLOAT32, storageNumel), offset, size, stride);

    assertThat(view.problem()).isNull();
    float[] actual = view.materialize(storage.array()).toFloatArray();

    assertThat(actual).hasSize((int) numel);
    for (int flat = 0; flat < numel; flat++) {
      long index = offset;
      long rest = flat;
      for (int d = rank - 1; d >= 0; d--) {
        index += (rest % size[d]) * stride[d];
        rest /= size[d];
      }
      assertThat(actual[flat]).isEqualTo(storage.getFloat((int) index * 4));
    }
  }

  /** A view whose last element lies past the storage is refused, one that ends inside is not. */
  @Property(tries = 200, seed = "20261127")
  void viewsPastTheEndAreRefused(
      @ForAll @IntRange(min = 1, max = 6) int length,
      @ForAll @IntRange(min = 0, max = 6) int offset,
      @ForAll @IntRange(min = 1, max = 12) int storageNumel) {
    TensorView view =
        new TensorView(
            new StorageRef("0", ElementType.FLOAT32, storageNumel),
            offset,
            new long[] {length},
            new long[] {1});
    boolean fits = offset + length <= storageNumel; // last element at offset + length - 1
    assertThat(view.problem() == null).isEqualTo(fits);
  }

  /** Random state dicts of every element type survive a safetensors write and read unchanged. */
  @Property(tries = 40, seed = "20261127")
  void safetensorsRoundTrips(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    int count = random.nextInt(5);
    for (int t = 0; t < count; t++) {
      ElementType type = ElementType.values()[random.nextInt(ElementType.values().length)];
      long[] shape = new long[random.nextInt(4)];
      long numel = 1;
      for (int d = 0; d < shape.length; d++) {
        shape[d] = random.nextInt(4);
        numel *= shape[d];
      }
      byte[] bytes = new byte[(int) numel * type.byteSize()];
      random.nextBytes(bytes);
      if (type == ElementType.BOOL) {
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] &= 1;
        }
      }
      tensors.put(
          "t" + t + "." + random.nextInt(100), new TensorData(type, shape, ByteBuffer.wrap(bytes)));
    }
    Path dir = Files.createTempDirectory("roundtrip");
    try {
      Path file = dir.resolve("w.safetensors");
      Checkpoints.writeSafetensors(
          file, StateDict.of(tensors, Map.of("seed", Long.toString(seed))));
      StateDict back = Checkpoints.read(file);
      assertThat(back.tensors()).isEqualTo(tensors);
      assertThat(back.names()).containsExactlyElementsOf(tensors.keySet());
      assertThat(back.metadata()).containsExactly(Map.entry("seed", Long.toString(seed)));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static int[] shuffled(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
