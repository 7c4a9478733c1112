package io.mambastream.backbones.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the state dict of a {@code torch.save} archive (the zip format of torch ≥ 1.6).
 *
 * <p>Layout: one top folder {@code <name>/} holding {@code data.pkl} (the pickled object), {@code
 * data/<key>} (one raw little-endian storage per key, stored uncompressed), optionally {@code
 * byteorder} ({@code little}) and {@code version}. The pickle is read by {@link TorchUnpickler};
 * then only the tensors of the chosen state dict are read, each storage once.
 *
 * <p>Which dict: a bare state dict (a dict whose values are all tensors); else the {@code "model"}
 * entry of the top-level dict when it is a state dict (the released Vim and DeiT files); else the
 * one entry that is a state dict ({@code state_dict}, {@code model_ema}, ...); several without
 * {@code "model"} are ambiguous and refused unless the caller names the entry. Other entries
 * (epoch, accuracy) may hold any plain values, but a pickle naming any global off the allowlist
 * (such as {@code argparse.Namespace} in {@code args}) is refused as a whole, as torch.load with
 * {@code weights_only=True} does.
 */
final class PthReader {
  /** Largest storage read into one Java array. */
  static final long MAX_STORAGE_BYTES = Integer.MAX_VALUE - 8;

  private static final int MAX_NAMES_SHOWN = 8;

  private final Path file;
  private final ZipFile zip;
  private final String prefix;
  private final Map<String, byte[]> storages = new HashMap<>();

  private PthReader(Path file, ZipFile zip, String prefix) {
    this.file = file;
    this.zip = zip;
    this.prefix = prefix;
  }

  /**
   * Reads the state dict of {@code file}.
   *
   * @param entry the top-level key holding the state dict, or null to choose as described above
   */
  static StateDict read(Path file, String entry) throws IOException {
    checkMagic(file);
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new CheckpointFormatException(
          file + ": not a complete zip archive (truncated or corrupt: " + e.getMessage() + ")", e);
    }
    try (zip) {
      PthReader reader = new PthReader(file, zip, findPrefix(file, zip));
      return reader.readStateDict(entry);
    } catch (ZipException e) {
      throw new CheckpointFormatException(
          file + ": corrupt zip archive (" + e.getMessage() + ")", e);
    }
  }

  private static void checkMagic(Path file) throws IOException {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 4);
    }
    if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return;
    }
    if (n >= 1 && (head[0] & 0xff) == 0x80) {
      throw new CheckpointFormatException(
          file
              + ": legacy torch.save format (torch < 1.6 or _use_new_zipfile_serialization=False)"
              + " is unsupported; re-save it with torch >= 1.6: torch.save(torch.load(f), f)");
    }
    throw new CheckpointFormatException(file + ": not a PyTorch zip checkpoint (no zip header)");
  }

  /** The top folder holding data.pkl, such as {@code "archive/"}. */
  private static String findPrefix(Path file, ZipFile zip) throws CheckpointFormatException {
    List<String> found = new ArrayList<>();
    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
      String name = e.nextElement().getName();
      int slash = name.indexOf('/');
      if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
        found.add(name.substring(0, slash + 1));
      }
    }
    if (found.size() != 1) {
      throw new CheckpointFormatException(
          file + ": expected one <folder>/data.pkl entry, found " + found.size());
    }
    return found.get(0);
  }

  private StateDict readStateDict(String entry) throws IOException {
    checkByteOrder();
    ZipEntry pickleEntry = zip.getEntry(prefix + "data.pkl");
    byte[] pickle = readBounded(pickleEntry, TorchUnpickler.MAX_PICKLE_BYTES);
    Object root = TorchUnpickler.load(pickle, file + " (" + pickleEntry.getName() + ")");
    Map<?, ?> views = select(root, entry);
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : views.entrySet()) {
      String name = (String) e.getKey();
      tensors.put(name, materialize(name, (TensorView) e.getValue()));
    }
    return StateDict.of(tensors);
  }

  private void checkByteOrder() throws IOException {
    ZipEntry entry = zip.getEntry(prefix + "byteorder");
    if (entry == null) {
      return; // torch < 2.1 writes none; those files are little-endian
    }
    String order = new String(readBounded(entry, 16), StandardCharsets.US_ASCII).trim();
    if (!order.equals("little")) {
      throw new CheckpointFormatException(
          file + ": byteorder '" + order + "' is unsupported (only little-endian files are read)");
    }
  }

  /** The state dict inside the unpickled root, as name → view. */
  private Map<?, ?> select(Object root, String entry) throws CheckpointFormatException {
    if (entry != null) {
      if (!(root instanceof Map<?, ?> top) || !top.containsKey(entry)) {
        throw new CheckpointFormatException(file + ": no top-level entry '" + entry + "'");
      }
      return requireStateDict(top.get(entry), "entry '" + entry + "'");
    }
    if (isStateDict(root)) {
      return (Map<?, ?>) root;
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new CheckpointFormatException(
          file + ": holds a " + PickleValues.describe(root) + ", not a dict of tensors");
    }
    if (top.containsKey("model") && top.get("model") instanceof Map) {
      return requireStateDict(top.get("model"), "entry 'model'");
    }
    List<String> candidates = new ArrayList<>();
    top.forEach(
        (key, value) -> {
          if (isStateDict(value)) {
            candidates.add(String.valueOf(key));
          }
        });
    if (candidates.size() == 1) {
      return (Map<?, ?>) top.get(candidates.get(0));
    }
    if (candidates.isEmpty()) {
      throw new CheckpointFormatException(
          file + ": no state dict found among the top-level entries " + keysOf(top));
    }
    throw new CheckpointFormatException(
        file
            + ": ambiguous: entries "
            + candidates
            + " all hold state dicts; name the one to read");
  }

  private Map<?, ?> requireStateDict(Object value, String what) throws CheckpointFormatException {
    if (!(value instanceof Map<?, ?> map)) {
      throw new CheckpointFormatException(
          file + ": " + what + " is a " + PickleValues.describe(value) + ", not a dict");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String) || !(e.getValue() instanceof TensorView)) {
        throw new CheckpointFormatException(
            file
                + ": "
                + what
                + " maps a "
                + PickleValues.describe(e.getKey())
                + " key to a "
                + PickleValues.describe(e.getValue())
                + " where name → tensor belongs");
      }
    }
    return map;
  }

  private static boolean isStateDict(Object value) {
    return value instanceof Map<?, ?> map
        && !map.isEmpty()
        && map.entrySet().stream()
            .allMatch(e -> e.getKey() instanceof String && e.getValue() instanceof TensorView);
  }

  private static String keysOf(Map<?, ?> map) {
    List<String> keys = new ArrayList<>();
    for (Object key : map.keySet()) {
      if (keys.size() == MAX_NAMES_SHOWN) {
        keys.add("... and " + (map.size() - MAX_NAMES_SHOWN) + " more");
        break;
      }
      keys.add(key instanceof String s ? "'" + s + "'" : PickleValues.describe(key));
    }
    return keys.toString();
  }

  private TensorData materialize(String name, TensorView view) throws IOException {
    String problem = view.problem();
    if (problem != null) {
      throw new CheckpointFormatException(file + ": tensor '" + name + "': " + problem);
    }
    byte[] bytes = storageBytes(view.storage(), name);
    if (bytes.length < view.storage().byteSize()) {
      throw new CheckpointFormatException(
          file
              + ": tensor '"
              + name
              + "': storage "
              + view.storage().key()
              + " holds "
              + bytes.length
              + " bytes, the pickle claims "
              + view.storage().byteSize());
    }
    return view.materialize(bytes);
  }

  /** The whole entry {@code data/<key>}, read once however many tensors share it. */
  private byte[] storageBytes(StorageRef storage, String tensor) throws IOException {
    byte[] cached = storages.get(storage.key());
    if (cached != null) {
      return cached;
    }
    String name = prefix + "data/" + storage.key();
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new CheckpointFormatException(
          file + ": tensor '" + tensor + "': storage entry " + name + " is missing");
    }
    if (entry.getMethod() != ZipEntry.STORED) {
      throw new CheckpointFormatException(
          file
              + ": storage entry "
              + name
              + " is compressed; torch.save stores storages uncompressed");
    }
    if (entry.getSize() < storage.byteSize()) {
      throw new CheckpointFormatException(
          file
              + ": tensor '"
              + tensor
              + "': storage entry "
              + name
              + " holds "
              + entry.getSize()
              + " bytes, the pickle claims "
              + storage.byteSize()
              + " ("
              + storage.numel()
              + " × "
              + storage.type()
              + ")");
    }
    if (entry.getSize() > MAX_STORAGE_BYTES || entry.getSize() > Files.size(file)) {
      throw new CheckpointFormatException(
          file
              + ": storage entry "
              + name
              + " declares "
              + entry.getSize()
              + " bytes, beyond what can be read");
    }
    byte[] bytes = readBounded(entry, MAX_STORAGE_BYTES);
    storages.put(storage.key(), bytes);
    return bytes;
  }

  /**
   * The bytes of an entry, refusing more than {@code max} and any disagreement with the declared
   * size.
   */
  private byte[] readBounded(ZipEntry entry, long max) throws IOException {
    long declared = entry.getSize();
    if (declared > max) {
      throw new CheckpointFormatException(
          file
              + ": entry "
              + entry.getName()
              + " declares "
              + declared
              + " bytes, more than the "
              + max
              + " allowed");
    }
    byte[] bytes;
    try (InputStream in = zip.getInputStream(entry)) {
      bytes = in.readNBytes((int) Math.min(max, declared < 0 ? max : declared));
      if (in.read() != -1) {
        throw new CheckpointFormatException(
            file + ": entry " + entry.getName() + " holds more bytes than it declares (zip bomb?)");
      }
    }
    if (declared >= 0 && bytes.length != declared) {
      throw new CheckpointFormatException(
          file
              + ": entry "
              + entry.getName()
              + " is truncated: "
              + bytes.length
              + " of "
              + declared
              + " bytes");
    }
    return bytes;
  }
}
