package io.mambastream.backbones.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-assembled pickles and torch-style archives for tests of hostile input. */
final class PickleBytes {
  private PickleBytes() {}

  /**
   * Concatenates parts: a String contributes its ISO-8859-1 bytes (opcodes are written as chars,
   * such as {@code "\u0080\u0002"} for PROTO 2), an Integer one byte, a byte[] itself.
   */
  static byte[] of(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
      } else if (part instanceof Integer i) {
        out.write(i);
      } else {
        out.writeBytes((byte[]) part);
      }
    }
    return out.toByteArray();
  }

  /** {@code n} little-endian bytes of {@code value}. */
  static byte[] le(long value, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (value >>> (8 * i));
    }
    return out;
  }

  /** BINUNICODE of an ASCII string. */
  static byte[] str(String s) {
    return of("X", le(s.length(), 4), s);
  }

  /** Writes a zip with the given entries (name → bytes) in order, STORED or DEFLATED. */
  static Path zip(Path file, Map<String, byte[]> entries, boolean deflate) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        if (!deflate) {
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(e.getValue().length);
          entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return file;
  }
}
