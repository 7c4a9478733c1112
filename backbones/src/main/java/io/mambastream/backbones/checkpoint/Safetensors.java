package io.mambastream.backbones.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length n, n bytes of JSON {@code {name:
 * {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}} (padded with
 * spaces), then the raw little-endian tensor bytes, offsets relative to the end of the header.
 */
final class Safetensors {
  /** Largest header accepted (the reference implementation's limit). */
  static final long MAX_HEADER_BYTES = 100_000_000;

  private static final String METADATA = "__metadata__";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Safetensors() {}

  /** One header entry: where a tensor's bytes lie. */
  private record Entry(String name, ElementType type, long[] shape, long begin, long end) {}

  /** Reads every tensor and the metadata of {@code file}. */
  static StateDict read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      if (fileSize < 8) {
        throw new CheckpointFormatException(
            file + ": too short for a safetensors header (" + fileSize + " bytes)");
      }
      long headerSize = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerSize < 2 || headerSize > MAX_HEADER_BYTES || headerSize > fileSize - 8) {
        throw new CheckpointFormatException(
            file
                + ": header length "
                + headerSize
                + " is outside [2, min("
                + MAX_HEADER_BYTES
                + ", "
                + (fileSize - 8)
                + ")]");
      }
      ByteBuffer header = readFully(channel, 8, (int) headerSize);
      long dataStart = 8 + headerSize;
      Map<String, String> metadata = new LinkedHashMap<>();
      List<Entry> entries = parseHeader(file, header, fileSize - dataStart, metadata);
      Map<String, TensorData> tensors = new LinkedHashMap<>();
      for (Entry e : entries) {
        ByteBuffer bytes =
            readFully(channel, dataStart + e.begin(), Math.toIntExact(e.end() - e.begin()));
        tensors.put(e.name(), new TensorData(e.type(), e.shape(), bytes));
      }
      return StateDict.of(tensors, metadata);
    }
  }

  private static List<Entry> parseHeader(
      Path file, ByteBuffer header, long dataSize, Map<String, String> metadata)
      throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new CheckpointFormatException(
          file + ": header is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new CheckpointFormatException(file + ": header is not a JSON object");
    }
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(METADATA)) {
        readMetadata(file, field.getValue(), metadata);
      } else {
        entries.add(parseEntry(file, field.getKey(), field.getValue(), dataSize));
      }
    }
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    for (int i = 1; i < byOffset.size(); i++) {
      Entry before = byOffset.get(i - 1);
      Entry after = byOffset.get(i);
      if (after.begin() < before.end()) {
        throw new CheckpointFormatException(
            file + ": tensors '" + before.name() + "' and '" + after.name() + "' overlap");
      }
    }
    return entries;
  }

  private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata)
      throws CheckpointFormatException {
    if (!node.isObject()) {
      throw new CheckpointFormatException(file + ": " + METADATA + " is not an object");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isTextual()) {
        throw new CheckpointFormatException(
            file + ": metadata '" + field.getKey() + "' is not a string");
      }
      metadata.put(field.getKey(), field.getValue().textValue());
    }
  }

  private static Entry parseEntry(Path file, String name, JsonNode node, long dataSize)
      throws CheckpointFormatException {
    String where = file + ": tensor '" + name + "'";
    JsonNode dtype = node.get("dtype");
    JsonNode shapeNode = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (!node.isObject()
        || dtype == null
        || !dtype.isTextual()
        || shapeNode == null
        || !shapeNode.isArray()
        || offsets == null
        || !offsets.isArray()
        || offsets.size() != 2) {
      throw new CheckpointFormatException(
          where + ": needs dtype, shape and data_offsets [begin, end]");
    }
    ElementType type;
    try {
      type = ElementType.fromSafetensorsName(dtype.textValue());
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException(where + ": " + e.getMessage());
    }
    if (shapeNode.size() > TensorView.MAX_RANK) {
      throw new CheckpointFormatException(
          where + ": rank " + shapeNode.size() + " exceeds " + TensorView.MAX_RANK);
    }
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = nonNegativeLong(shapeNode.get(i), where + ": shape");
    }
    long begin = nonNegativeLong(offsets.get(0), where + ": data_offsets");
    long end = nonNegativeLong(offsets.get(1), where + ": data_offsets");
    long bytes;
    try {
      bytes = Math.multiplyExact(TensorData.numel(shape), type.byteSize());
    } catch (ArithmeticException e) {
      throw new CheckpointFormatException(where + ": shape overflows 64-bit arithmetic");
    }
    if (begin > end || end > dataSize) {
      throw new CheckpointFormatException(
          where
              + ": data_offsets ["
              + begin
              + ", "
              + end
              + "] outside the "
              + dataSize
              + " data bytes");
    }
    if (end - begin != bytes) {
      throw new CheckpointFormatException(
          where + ": data_offsets span " + (end - begin) + " bytes, shape and dtype need " + bytes);
    }
    if (bytes > PthReader.MAX_STORAGE_BYTES) {
      throw new CheckpointFormatException(
          where + ": " + bytes + " bytes is beyond what one tensor can hold here");
    }
    return new Entry(name, type, shape, begin, end);
  }

  private static long nonNegativeLong(JsonNode node, String what) throws CheckpointFormatException {
    if (node == null
        || !node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() < 0) {
      throw new CheckpointFormatException(what + " must hold non-negative 64-bit integers");
    }
    return node.longValue();
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int size)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(size);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new CheckpointFormatException(
            "unexpected end of file at byte " + (position + buffer.position()));
      }
    }
    return buffer.flip();
  }

  /** Writes {@code dict} to {@code file} (through a temporary file and a rename). */
  static void write(Path file, StateDict dict) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (!dict.metadata().isEmpty()) {
      ObjectNode metadata = header.putObject(METADATA);
      dict.metadata().forEach(metadata::put);
    }
    long offset = 0;
    for (Map.Entry<String, TensorData> e : dict.tensors().entrySet()) {
      if (e.getKey().equals(METADATA)) {
        throw new IllegalArgumentException("a tensor may not be named " + METADATA);
      }
      TensorData tensor = e.getValue();
      long size = tensor.data().remaining();
      ObjectNode entry = header.putObject(e.getKey());
      entry.put("dtype", tensor.dtype().safetensorsName());
      ArrayNode shape = entry.putArray("shape");
      for (long dim : tensor.shape()) {
        shape.add(dim);
      }
      entry.putArray("data_offsets").add(offset).add(offset + size);
      offset += size;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8; // keeps the data 8-byte aligned, as the reference does
    ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    prefix.putLong(padded).put(json);
    while (prefix.hasRemaining()) {
      prefix.put((byte) ' ');
    }
    Path directory = file.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        out.write(prefix.array());
        for (TensorData tensor : dict.tensors().values()) {
          ByteBuffer data = tensor.data();
          byte[] chunk = new byte[(int) Math.min(1 << 16, Math.max(1, data.remaining()))];
          while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
          }
        }
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
