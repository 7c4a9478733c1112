package io.mambastream.backbones.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a strided view into a storage.
 * Element {@code (i_0, ..., i_k)} sits at storage index {@code offset + Σ i_j · stride_j}.
 *
 * @param storage the storage the view reads
 * @param offset storage index of the first element
 * @param size the dimensions
 * @param stride storage-index step per dimension
 */
record TensorView(StorageRef storage, long offset, long[] size, long[] stride) {

  /** Largest number of dimensions accepted (PyTorch itself stops at 64; real weights use ≤ 5). */
  static final int MAX_RANK = 32;

  /**
   * Checks that the view lies inside its storage and needs no more elements than the storage holds,
   * so materialising it allocates at most what the file contains.
   *
   * @return a description of the problem, or null when the view is sound
   */
  String problem() {
    if (size.length != stride.length) {
      return "size "
          + Arrays.toString(size)
          + " and stride "
          + Arrays.toString(stride)
          + " differ in rank";
    }
    if (size.length > MAX_RANK) {
      return "rank " + size.length + " exceeds " + MAX_RANK;
    }
    if (offset < 0 || Arrays.stream(stride).anyMatch(s -> s < 0)) {
      return "negative offset or stride (offset "
          + offset
          + ", stride "
          + Arrays.toString(stride)
          + ")";
    }
    long numel;
    long last = offset;
    try {
      numel = TensorData.numel(size);
      for (int d = 0; d < size.length; d++) {
        if (size[d] > 0) {
          last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
        }
      }
      storage.byteSize();
    } catch (ArithmeticException e) {
      return "size " + Arrays.toString(size) + " overflows 64-bit arithmetic";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (numel > storage.numel()) {
      return "shape "
          + Arrays.toString(size)
          + " has "
          + numel
          + " elements, more than its storage's "
          + storage.numel()
          + " (overlapping or broadcast views are not read; save tensor.contiguous())";
    }
    if (numel > 0 && last >= storage.numel()) {
      return "view (offset "
          + offset
          + ", size "
          + Arrays.toString(size)
          + ", stride "
          + Arrays.toString(stride)
          + ") reaches element "
          + last
          + " of a storage of "
          + storage.numel();
    }
    return null;
  }

  /** Whether the elements lie in row-major order without gaps. */
  boolean isContiguous() {
    long expected = 1;
    for (int d = size.length - 1; d >= 0; d--) {
      if (size[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= size[d];
    }
    return true;
  }

  /**
   * The view's elements in row-major order: a slice of {@code bytes} when contiguous, otherwise a
   * copy. Call only after {@link #problem()} returned null.
   *
   * @param bytes the storage's bytes, at least {@code storage.byteSize()} of them
   */
  TensorData materialize(byte[] bytes) {
    int elementSize = storage.type().byteSize();
    int numel = (int) TensorData.numel(size);
    if (numel == 0 || isContiguous()) {
      ByteBuffer slice = ByteBuffer.wrap(bytes, (int) (offset * elementSize), numel * elementSize);
      return new TensorData(storage.type(), size, slice);
    }
    byte[] out = new byte[numel * elementSize];
    long[] index = new long[size.length];
    long position = offset; // storage index of the element at `index`
    for (int i = 0; i < numel; i++) {
      System.arraycopy(bytes, (int) (position * elementSize), out, i * elementSize, elementSize);
      for (int d = size.length - 1; d >= 0; d--) { // odometer step, last dimension fastest
        index[d]++;
        position += stride[d];
        if (index[d] < size[d]) {
          break;
        }
        position -= index[d] * stride[d];
        index[d] = 0;
      }
    }
    return new TensorData(storage.type(), size, ByteBuffer.wrap(out));
  }
}
