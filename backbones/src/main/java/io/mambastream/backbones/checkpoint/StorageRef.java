package io.mambastream.backbones.checkpoint;

/**
 * A storage a {@code .pth} pickle refers to through a persistent id {@code ('storage', type, key,
 * location, numel)}: the bytes of archive entry {@code data/<key>}.
 *
 * @param key the entry name under {@code data/}
 * @param type the element type of the storage class ({@code torch.HalfStorage} is FLOAT16)
 * @param numel elements in the storage; {@code numel × type.byteSize()} bytes are read
 */
record StorageRef(String key, ElementType type, long numel) {

  /** Bytes the storage occupies, refusing overflow. */
  long byteSize() {
    return Math.multiplyExact(numel, type.byteSize());
  }
}
