package io.mambastream.backbones.checkpoint;

import static io.mambastream.backbones.checkpoint.PickleBytes.ORDERED_DICT;
import static io.mambastream.backbones.checkpoint.PickleBytes.PROTO2;
import static io.mambastream.backbones.checkpoint.PickleBytes.REBUILD;
import static io.mambastream.backbones.checkpoint.PickleBytes.le;
import static io.mambastream.backbones.checkpoint.PickleBytes.of;
import static io.mambastream.backbones.checkpoint.PickleBytes.str;
import static io.mambastream.backbones.checkpoint.PickleBytes.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The restricted unpickler on hand-assembled opcode streams: what torch.save emits is read, and
 * every way a pickle could name code, allocate a lot or recurse deeply is refused with a message.
 */
class TorchUnpicklerTest {

  private static Object load(byte[] pickle) throws CheckpointFormatException {
    return TorchUnpickler.load(pickle, "test.pkl");
  }

  private static void assertRefused(byte[] pickle, String reason) {
    assertThatThrownBy(() -> load(pickle))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageStartingWith("test.pkl: ")
        .hasMessageContaining(reason);
  }

  @Test
  void readsAnOrderedStateDictWithMetadataAsTorchWritesIt() throws Exception {
    byte[] pickle =
        of(
            PROTO2,
            ORDERED_DICT,
            ")R(",
            str("b.weight"),
            tensor("HalfStorage", "0", 6, 0, new long[] {3, 2}, new long[] {2, 1}),
            str("a.bias"),
            tensor("FloatStorage", "1", 3, 1, new long[] {2}, new long[] {1}),
            "u",
            "}", // BUILD state {'_metadata': {}} as a state dict carries: dropped
            str("_metadata"),
            "}sb.");
    Object root = load(pickle);
    assertThat(root).isInstanceOf(Map.class);
    Map<?, ?> dict = (Map<?, ?>) root;
    assertThat(List.<Object>copyOf(dict.keySet()))
        .containsExactly("b.weight", "a.bias"); // insertion order kept
    TensorView weight = (TensorView) dict.get("b.weight");
    assertThat(weight.storage()).isEqualTo(new StorageRef("0", ElementType.FLOAT16, 6));
    assertThat(weight.size()).containsExactly(3, 2);
    assertThat(weight.stride()).containsExactly(2, 1);
    TensorView bias = (TensorView) dict.get("a.bias");
    assertThat(bias.offset()).isEqualTo(1);
    assertThat(bias.storage().type()).isEqualTo(ElementType.FLOAT32);
  }

  @Test
  void readsPlainValuesBesideTensors() throws Exception {
    byte[] big = new byte[8]; // BINFLOAT is big-endian
    long bits = Double.doubleToLongBits(76.1);
    for (int i = 0; i < 8; i++) {
      big[i] = (byte) (bits >>> (56 - 8 * i));
    }
    byte[] pickle =
        of(
            PROTO2,
            "}(",
            str("epoch"),
            "K",
            3,
            str("acc"),
            "G",
            big,
            str("tags"),
            "](",
            str("x"),
            "e",
            "u.");
    Map<?, ?> dict = (Map<?, ?>) load(pickle);
    assertThat(dict.get("epoch")).isEqualTo(3);
    assertThat(dict.get("acc")).isEqualTo(76.1);
    assertThat(dict.get("tags")).isEqualTo(List.of("x"));
  }

  @Test
  void refusesGlobalsOffTheAllowlistByName() {
    assertRefused(of(PROTO2, "cos\nsystem\n", str("echo pwned"), "\u0085R."), "'os.system'");
    assertRefused(
        of("\u0080\u0004", "\u008c\u0008builtins\u008c\u0004exec\u0093", "."), "'builtins.exec'");
    assertRefused(
        of(PROTO2, "ctorch._utils\n_rebuild_qtensor\n."), "'torch._utils._rebuild_qtensor'");
    assertRefused(of(PROTO2, "c__builtin__\nset\n."), "'__builtin__.set'");
  }

  @Test
  void refusesOpcodesThatBuildObjectsOrCallCode() {
    assertRefused(of("(ios\nsystem\n", str("ls"), "."), "opcode 0x69"); // INST
    assertRefused(of(PROTO2, "(", ORDERED_DICT, "o."), "opcode 0x6f"); // OBJ
    assertRefused(of(PROTO2, "\u0082", 1, "."), "opcode 0x82"); // EXT1
    assertRefused(of("Pfoo\n."), "opcode 0x50"); // text PERSID
    assertRefused(of("\u0080\u0005\u0097."), "opcode 0x97"); // NEXT_BUFFER
  }

  @Test
  void refusesCallsOfAnythingButAnAllowlistedGlobal() {
    assertRefused(of(PROTO2, str("os.system"), ")R."), "call of a str");
    assertRefused(of(PROTO2, "ctorch\nFloatStorage\n)R."), "called as a function");
    assertRefused(
        of(PROTO2, ORDERED_DICT, "K", 1, "\u0085R."),
        "OrderedDict expects no arguments, got (int)");
  }

  @Test
  void refusesMalformedTensorCalls() {
    assertRefused(of(PROTO2, REBUILD, "(K", 1, "tR."), "expects 6 or 7 arguments, got (int)");
    byte[] numelNotAnInt =
        of(
            PROTO2,
            REBUILD,
            "((",
            str("storage"),
            "ctorch\nFloatStorage\n",
            str("0"),
            str("cpu"),
            str("many"),
            "tQ.");
    assertRefused(numelNotAnInt, "storage numel is a str, not an int");
    byte[] notAStorageClass =
        of(PROTO2, "(", str("storage"), ORDERED_DICT, str("0"), str("cpu"), "K", 1, "tQ.");
    assertRefused(
        notAStorageClass, "names a collections.OrderedDict where a storage class belongs");
    byte[] badKey =
        of(
            PROTO2,
            "(",
            str("storage"),
            "ctorch\nFloatStorage\n",
            str("../x"),
            str("cpu"),
            "K",
            1,
            "tQ.");
    assertRefused(badKey, "malformed storage key");
    byte[] negative =
        of(
            PROTO2,
            "(",
            str("storage"),
            "ctorch\nFloatStorage\n",
            str("0"),
            str("cpu"),
            "J",
            le(-5, 4),
            "tQ.");
    assertRefused(negative, "negative size -5");
  }

  @Test
  void refusesLengthPrefixesBeyondTheData() {
    assertRefused(
        of(PROTO2, "\u008e", le(1L << 40, 8), "."), "length prefix 1099511627776"); // BINBYTES8
    assertRefused(
        of(PROTO2, "X", le(0x7fff_fff0L, 4), "abc."), "length prefix 2147483632"); // BINUNICODE
    assertRefused(of(PROTO2, "B", le(0xffff_ffffL, 4), "."), "length prefix -1"); // BINBYTES
    assertRefused(of(PROTO2, "\u008b", le(1000, 4), new byte[1000], "."), "above 64"); // LONG4
  }

  @Test
  void refusesHugeTextNumbers() {
    String digits = "9".repeat(100_000);
    assertRefused(of("L" + digits + "L\n."), "longer than 256 bytes");
  }

  @Test
  void refusesUnhashableKeysSoNoCyclicHashRecurses() {
    // a list that contains itself, used as a dict key: hashing it in Java would never end
    byte[] pickle = of(PROTO2, "}", "]q", 0, "h", 0, "a", "N", "s.");
    assertRefused(pickle, "unhashable list used as a dict key");
  }

  @Test
  void readsDeepNestingWithoutRecursion() throws Exception {
    int depth = 200_000;
    byte[] opens = new byte[depth];
    byte[] appends = new byte[depth - 1];
    java.util.Arrays.fill(opens, (byte) ']');
    java.util.Arrays.fill(appends, (byte) 'a');
    Object root = load(of(PROTO2, opens, appends, "."));
    assertThat(root).isInstanceOf(List.class);
  }

  @Test
  void refusesBuildOnAnythingButADict() {
    assertRefused(of(PROTO2, "]}b."), "BUILD (set the state of an object) on a list");
  }

  @Test
  void reportsTruncationAsMalformed() {
    assertRefused(of(PROTO2, "}(", str("a")), "malformed pickle");
  }
}
