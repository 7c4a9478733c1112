package io.mambastream.ingest.fashion;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads an unsigned-byte idx file (the MNIST format), gzipped or not.
 *
 * <p>Layout: a big-endian int magic {@code 0x0000 08 NN} (08 = unsigned byte, NN = number of
 * dimensions), NN big-endian int sizes, then the values in row-major order.
 */
final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;
  private static final int GZIP_MAGIC = 0x1f8b;

  private IdxReader() {}

  /** An idx array: its sizes and its values in row-major order. */
  record IdxArray(int[] dims, byte[] data) {}

  /**
   * Reads an idx array of {@code expectedDims} dimensions from {@code raw}, which may be gzipped.
   *
   * @param name what to call the source in error messages
   */
  static IdxArray read(InputStream raw, int expectedDims, String name) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    InputStream in =
        ((first << 8) | second) == GZIP_MAGIC
            ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16)
            : buffered;
    DataInputStream data = new DataInputStream(in);
    try {
      int magic = data.readInt();
      int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
      if (magic != expectedMagic) {
        throw new IOException(
            String.format(
                "%s: idx magic number 0x%08x, expected 0x%08x (unsigned bytes, %d dimensions)",
                name, magic, expectedMagic, expectedDims));
      }
      int[] dims = new int[expectedDims];
      long size = 1;
      for (int i = 0; i < expectedDims; i++) {
        dims[i] = data.readInt();
        if (dims[i] < 0) {
          throw new IOException(name + ": negative size " + dims[i] + " in dimension " + i);
        }
        size *= dims[i];
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(name + ": " + size + " values are too many");
      }
      byte[] values = new byte[(int) size];
      data.readFully(values);
      return new IdxArray(dims, values);
    } catch (EOFException e) {
      throw new IOException(name + ": truncated idx file", e);
    }
  }
}
