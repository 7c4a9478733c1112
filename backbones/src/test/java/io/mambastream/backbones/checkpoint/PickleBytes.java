package io.mambastream.backbones.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-assembled pickles and torch-style archives for tests of hostile input. */
final class PickleBytes {
  /** PROTO 2, as torch.save starts its pickles. */
  static final String PROTO2 = "\u0080\u0002";

  /** GLOBAL collections.OrderedDict. */
  static final String ORDERED_DICT = "ccollections\nOrderedDict\n";

  /** GLOBAL torch._utils._rebuild_tensor_v2. */
  static final String REBUILD = "ctorch._utils\n_rebuild_tensor_v2\n";

  private PickleBytes() {}

  /**
   * A tensor as torch 1.13 pickles it: {@code _rebuild_tensor_v2(persid(('storage', torch.<class>,
   * key, 'cpu', numel)), offset, size, stride, False, OrderedDict())}.
   */
  static byte[] tensor(
      String storageClass, String key, long numel, long offset, long[] size, long[] stride) {
    return of(
        REBUILD,
        "((",
        str("storage"),
        "ctorch\n" + storageClass + "\n",
        str(key),
        str("cpu"),
        integer(numel),
        "tQ",
        integer(offset),
        tuple(size),
        tuple(stride),
        "\u0089",
        ORDERED_DICT,
        ")R",
        "tR");
  }

  /** A pickle {@code {'model': OrderedDict(name=tensor)}}. */
  static byte[] modelWith(String name, byte[] tensor) {
    return of(PROTO2, "}", str("model"), ORDERED_DICT, ")R", str(name), tensor, "ss.");
  }

  /** LONG1 with 8 bytes: any long. */
  static byte[] integer(long value) {
    return of("\u008a", 8, le(value, 8));
  }

  private static byte[] tuple(long[] values) {
    byte[] out = of("(");
    for (long v : values) {
      out = of(out, integer(v));
    }
    return of(out, "t");
  }

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

  /** Writes a zip with the given entries (name → bytes) in order, all STORED or all DEFLATED. */
  static Path zip(Path file, Map<String, byte[]> entries, boolean deflate) throws IOException {
    return zip(file, entries, name -> deflate);
  }

  /**
   * Writes a zip with the given entries (name → bytes) in order, DEFLATED where {@code deflate}
   * says.
   */
  static Path zip(Path file, Map<String, byte[]> entries, Predicate<String> deflate)
      throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        if (!deflate.test(e.getKey())) {
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
