package io.mambastream.backbones.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Unpickler;

/**
 * A restricted unpickler for the {@code data.pkl} of a {@code torch.save} archive.
 *
 * <p>razorvine's {@link Unpickler} handles the plain data opcodes (numbers, strings, tuples, lists,
 * the memo). Everything that can name or call code is intercepted: GLOBAL and STACK_GLOBAL resolve
 * only {@link TorchGlobal}s, REDUCE/NEWOBJ call only those, BUILD only drops the instance
 * attributes of a dict (a state dict's {@code _metadata}), persistent ids become {@link
 * StorageRef}s, and INST, OBJ, NEWOBJ_EX, EXT*, PERSID and the out-of-band buffer opcodes are
 * refused. Dicts keep insertion order. Length prefixes are checked against the bytes that remain
 * before anything is allocated, text lines that are parsed as numbers or names are capped, and dict
 * keys must be hashable in Python's sense, so no hostile pickle can make a huge allocation, a
 * quadratic parse or a deep recursion. The machine itself is a loop, not recursive.
 */
final class TorchUnpickler extends Unpickler {
  /** Largest {@code data.pkl} accepted (state dicts of billion-parameter models stay far below). */
  static final int MAX_PICKLE_BYTES = 64 << 20;

  private static final int MAX_TEXT_LINE = 256;
  private static final int MAX_LONG4_BYTES = 64;
  private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final byte[] bytes;

  private TorchUnpickler(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A refusal or a structural error with a complete message. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message);
    }
  }

  /**
   * Unpickles {@code bytes}.
   *
   * @param label how to name the pickle in messages (file and entry)
   * @throws CheckpointFormatException when the pickle is refused or malformed
   */
  static Object load(byte[] bytes, String label) throws CheckpointFormatException {
    TorchUnpickler unpickler = new TorchUnpickler(bytes);
    try {
      return unpickler.load(new ByteArrayInputStream(bytes));
    } catch (Refusal e) {
      throw new CheckpointFormatException(label + ": " + e.getMessage());
    } catch (RuntimeException | IOException e) {
      throw new CheckpointFormatException(
          label + ": malformed pickle near byte " + unpickler.position() + " (" + e + ")", e);
    } finally {
      unpickler.close();
    }
  }

  private int position() {
    return input == null ? 0 : bytes.length - available();
  }

  private int available() {
    try {
      return input.available();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  protected Object dispatch(short opcode) throws IOException {
    switch (opcode) {
      case Opcodes.GLOBAL -> pushGlobal(readTextLine(), readTextLine());
      case Opcodes.STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
          throw new Refusal("STACK_GLOBAL needs two strings");
        }
        pushGlobal(m, n);
      }
      case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
        Object args = stack.pop();
        Object callable = stack.pop();
        if (!(callable instanceof TorchGlobal global)) {
          throw new Refusal(
              "call of a " + PickleValues.describe(callable) + ", not an allowlisted global");
        }
        if (!(args instanceof Object[] tuple)) {
          throw new Refusal(
              "call with " + PickleValues.describe(args) + " instead of an argument tuple");
        }
        try {
          stack.add(global.call(tuple));
        } catch (IllegalArgumentException e) {
          throw new Refusal(e.getMessage());
        }
      }
      case Opcodes.BUILD -> {
        Object state = stack.pop();
        Object target = stack.peek();
        if (!(target instanceof Map) || !(state == null || state instanceof Map)) {
          throw new Refusal(
              "BUILD (set the state of an object) on a " + PickleValues.describe(target));
        }
        // instance attributes of an OrderedDict, such as a state dict's _metadata: not needed
      }
      case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
      case Opcodes.DICT -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        putPairs(map, stack.pop_all_since_marker());
        stack.add(map);
      }
      case Opcodes.SETITEM -> {
        Object value = stack.pop();
        Object key = stack.pop();
        putPairs(target(Map.class), Arrays.asList(key, value));
      }
      case Opcodes.SETITEMS -> {
        List<Object> items = stack.pop_all_since_marker();
        putPairs(target(Map.class), items);
      }
      case Opcodes.EMPTY_SET -> stack.add(new LinkedHashSet<>());
      case Opcodes.ADDITEMS -> {
        List<Object> items = stack.pop_all_since_marker();
        addMembers(target(Set.class), items);
      }
      case Opcodes.FROZENSET -> {
        Set<Object> set = new LinkedHashSet<>();
        addMembers(set, stack.pop_all_since_marker());
        stack.add(set);
      }
      case Opcodes.APPEND -> {
        Object value = stack.pop();
        target(List.class).add(value);
      }
      case Opcodes.APPENDS -> {
        List<Object> items = stack.pop_all_since_marker();
        target(List.class).addAll(items);
      }
      case Opcodes.BINSTRING, Opcodes.BINUNICODE, Opcodes.BINBYTES -> {
        checkLength(4, Integer.MAX_VALUE);
        return super.dispatch(opcode);
      }
      case Opcodes.LONG4 -> {
        checkLength(4, MAX_LONG4_BYTES);
        return super.dispatch(opcode);
      }
      case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> {
        checkLength(8, Integer.MAX_VALUE);
        return super.dispatch(opcode);
      }
      case Opcodes.INT, Opcodes.LONG, Opcodes.FLOAT, Opcodes.GET, Opcodes.PUT -> {
        textLineEnd();
        return super.dispatch(opcode);
      }
      case Opcodes.MARK,
          Opcodes.STOP,
          Opcodes.POP,
          Opcodes.POP_MARK,
          Opcodes.DUP,
          Opcodes.BININT,
          Opcodes.BININT1,
          Opcodes.BININT2,
          Opcodes.NONE,
          Opcodes.BINPERSID,
          Opcodes.STRING,
          Opcodes.SHORT_BINSTRING,
          Opcodes.UNICODE,
          Opcodes.BINGET,
          Opcodes.LONG_BINGET,
          Opcodes.BINPUT,
          Opcodes.LONG_BINPUT,
          Opcodes.TUPLE,
          Opcodes.EMPTY_TUPLE,
          Opcodes.BINFLOAT,
          Opcodes.PROTO,
          Opcodes.TUPLE1,
          Opcodes.TUPLE2,
          Opcodes.TUPLE3,
          Opcodes.NEWTRUE,
          Opcodes.NEWFALSE,
          Opcodes.LONG1,
          Opcodes.SHORT_BINBYTES,
          Opcodes.SHORT_BINUNICODE,
          Opcodes.MEMOIZE,
          Opcodes.FRAME,
          Opcodes.EMPTY_LIST,
          Opcodes.LIST -> {
        return super.dispatch(opcode);
      }
      default -> throw new Refusal(String.format("pickle opcode 0x%02x is not allowed", opcode));
    }
    return NO_RETURN_VALUE;
  }

  /** A persistent id {@code ('storage', storage_class, key, location, numel)}. */
  @Override
  protected Object persistentLoad(Object pid) {
    if (!(pid instanceof Object[] id) || id.length != 5 || !"storage".equals(id[0])) {
      throw new Refusal("persistent id is not ('storage', type, key, location, numel)");
    }
    if (!(id[1] instanceof TorchGlobal global) || global.storageType() == null) {
      throw new Refusal(
          "persistent id names a "
              + PickleValues.describe(id[1])
              + " where a storage class belongs");
    }
    if (!(id[2] instanceof String key) || !STORAGE_KEY.matcher(key).matches()) {
      throw new Refusal("persistent id has a malformed storage key");
    }
    try {
      long numel = PickleValues.toLong(id[4], "storage numel");
      StorageRef storage = new StorageRef(key, global.storageType(), numel);
      if (numel < 0) {
        throw new IllegalArgumentException("storage " + key + " has a negative size " + numel);
      }
      storage.byteSize();
      return storage;
    } catch (ArithmeticException e) {
      throw new Refusal("storage " + key + " claims more than 2^63 bytes");
    } catch (IllegalArgumentException e) {
      throw new Refusal(e.getMessage());
    }
  }

  private void pushGlobal(String module, String name) {
    TorchGlobal global = TorchGlobal.find(module, name);
    if (global == null) {
      throw new Refusal(
          "the pickle names the Python global '"
              + module
              + "."
              + name
              + "', which is not on the allowlist (tensors, storages, OrderedDict). A pickle can"
              + " run code in Python, so nothing else is accepted. If this is a training"
              + " checkpoint, save just the weights, e.g. torch.save({'model':"
              + " ckpt['model']}, 'weights.pth'), or convert them to safetensors.");
    }
    stack.add(global);
  }

  @SuppressWarnings("unchecked")
  private <T> T target(Class<T> type) {
    Object top = stack.peek();
    if (!type.isInstance(top)) {
      throw new Refusal("item added to a " + PickleValues.describe(top));
    }
    return (T) top;
  }

  private static void putPairs(Map<Object, Object> map, List<Object> items) {
    if (items.size() % 2 != 0) {
      throw new Refusal("odd number of items for a dict");
    }
    for (int i = 0; i < items.size(); i += 2) {
      map.put(hashable(items.get(i)), items.get(i + 1));
    }
  }

  private static void addMembers(Collection<Object> set, List<Object> items) {
    for (Object item : items) {
      set.add(hashable(item));
    }
  }

  private static Object hashable(Object key) {
    if (!PickleValues.isHashable(key)) {
      throw new Refusal(
          "unhashable " + PickleValues.describe(key) + " used as a dict key or set member");
    }
    return key;
  }

  /** Reads a text line that must end within {@link #MAX_TEXT_LINE} bytes. */
  private String readTextLine() throws IOException {
    int end = textLineEnd();
    int start = position();
    String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
    input.skip(end - start + 1L);
    return line;
  }

  /** The index of the newline ending the text line at the current position. */
  private int textLineEnd() {
    int start = position();
    int limit = Math.min(bytes.length, start + MAX_TEXT_LINE);
    for (int i = start; i < limit; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    throw new Refusal(
        "text field at byte "
            + start
            + " is unterminated or longer than "
            + MAX_TEXT_LINE
            + " bytes");
  }

  /** Checks the little-endian length prefix of {@code width} bytes at the current position. */
  private void checkLength(int width, long max) {
    int start = position();
    if (bytes.length - start < width) {
      throw new Refusal("pickle ends inside a length prefix at byte " + start);
    }
    long length = 0;
    for (int i = width - 1; i >= 0; i--) {
      length = (length << 8) | (bytes[start + i] & 0xff);
    }
    if (width == 4) {
      length = (int) length; // signed, as BINSTRING and LONG4 read it
    }
    long remaining = bytes.length - start - width;
    if (length < 0 || length > max || length > remaining) {
      throw new Refusal(
          "length prefix "
              + length
              + " at byte "
              + start
              + " is negative, above "
              + max
              + " or beyond the "
              + remaining
              + " bytes left");
    }
  }
}
