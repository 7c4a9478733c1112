package io.mambastream.backbones.checkpoint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The allowlist: the only Python globals a {@code .pth} pickle may name. Each stands for a plain
 * Java action (build a map, describe a tensor view); nothing is looked up or run by name.
 */
enum TorchGlobal {
  /** {@code collections.OrderedDict()}: an empty insertion-ordered map. */
  ORDERED_DICT("collections", "OrderedDict", null),
  /**
   * {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[,
   * metadata])}.
   */
  REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2", null),
  /** {@code torch._utils._rebuild_parameter(data, requires_grad, hooks)}: the tensor itself. */
  REBUILD_PARAMETER("torch._utils", "_rebuild_parameter", null),
  FLOAT_STORAGE("torch", "FloatStorage", ElementType.FLOAT32),
  HALF_STORAGE("torch", "HalfStorage", ElementType.FLOAT16),
  BFLOAT16_STORAGE("torch", "BFloat16Storage", ElementType.BFLOAT16),
  DOUBLE_STORAGE("torch", "DoubleStorage", ElementType.FLOAT64),
  LONG_STORAGE("torch", "LongStorage", ElementType.INT64),
  INT_STORAGE("torch", "IntStorage", ElementType.INT32),
  BYTE_STORAGE("torch", "ByteStorage", ElementType.UINT8),
  BOOL_STORAGE("torch", "BoolStorage", ElementType.BOOL),
  /** An untyped storage; torch.load reads it as uint8. */
  UNTYPED_STORAGE("torch", "UntypedStorage", ElementType.UINT8),
  /** The same class under its defining module. */
  UNTYPED_STORAGE_QUALIFIED("torch.storage", "UntypedStorage", ElementType.UINT8);

  private final String module;
  private final String name;
  private final ElementType storageType;

  TorchGlobal(String module, String name, ElementType storageType) {
    this.module = module;
    this.name = name;
    this.storageType = storageType;
  }

  /** The allowlisted global of this module and name, or null. */
  static TorchGlobal find(String module, String name) {
    for (TorchGlobal global : values()) {
      if (global.module.equals(module) && global.name.equals(name)) {
        return global;
      }
    }
    return null;
  }

  /** The element type when this global is a storage class, else null. */
  ElementType storageType() {
    return storageType;
  }

  /** {@code module.name}, as Python spells it. */
  String qualifiedName() {
    return module + "." + name;
  }

  /**
   * The value of calling this global with {@code args} (pickle REDUCE).
   *
   * @throws IllegalArgumentException when the call is not one torch.save produces
   */
  Object call(Object[] args) {
    return switch (this) {
      case ORDERED_DICT -> {
        expect(args.length == 0, "no arguments", args);
        yield new LinkedHashMap<String, Object>();
      }
      case REBUILD_TENSOR_V2 -> {
        expect(args.length == 6 || args.length == 7, "6 or 7 arguments", args);
        expect(args[0] instanceof StorageRef, "a storage first", args);
        expect(args[5] instanceof Map, "backward hooks (an OrderedDict) sixth", args);
        yield new TensorView(
            (StorageRef) args[0],
            PickleValues.toLong(args[1], "storage offset"),
            longs(args[2], "size"),
            longs(args[3], "stride"));
      }
      case REBUILD_PARAMETER -> {
        expect(
            args.length == 3 && args[0] instanceof TensorView,
            "(tensor, requires_grad, hooks)",
            args);
        yield args[0];
      }
      default ->
          throw new IllegalArgumentException(
              "storage class " + qualifiedName() + " called as a function");
    };
  }

  private void expect(boolean condition, String what, Object[] args) {
    if (!condition) {
      throw new IllegalArgumentException(
          qualifiedName()
              + " expects "
              + what
              + ", got ("
              + PickleValues.describeAll(Arrays.asList(args))
              + ")");
    }
  }

  private static long[] longs(Object tuple, String what) {
    if (!(tuple instanceof Object[] values)) {
      throw new IllegalArgumentException(
          what + " is a " + PickleValues.describe(tuple) + ", not a tuple");
    }
    if (values.length > TensorView.MAX_RANK) {
      throw new IllegalArgumentException(
          what + " has " + values.length + " dimensions, more than " + TensorView.MAX_RANK);
    }
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = PickleValues.toLong(values[i], what);
    }
    return out;
  }
}
