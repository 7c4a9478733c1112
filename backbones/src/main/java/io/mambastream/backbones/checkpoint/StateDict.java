package io.mambastream.backbones.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a model: an ordered, immutable map from parameter name (PyTorch's dotted {@code
 * state_dict} names, such as {@code layers.0.mixer.in_proj.weight}) to {@link TensorData}, plus
 * string metadata (a safetensors header's {@code __metadata__}; empty for {@code .pth} files).
 */
public final class StateDict {
  private final Map<String, TensorData> tensors;
  private final Map<String, String> metadata;

  private StateDict(Map<String, TensorData> tensors, Map<String, String> metadata) {
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A state dict of the given tensors, in the map's iteration order, without metadata. */
  public static StateDict of(Map<String, TensorData> tensors) {
    return new StateDict(tensors, Map.of());
  }

  /** A state dict of the given tensors (in the map's iteration order) and metadata. */
  public static StateDict of(Map<String, TensorData> tensors, Map<String, String> metadata) {
    return new StateDict(tensors, metadata);
  }

  /** A state dict copying named NDArrays (for saving a model's parameters). */
  public static StateDict fromNDArrays(Map<String, NDArray> arrays, Map<String, String> metadata) {
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    arrays.forEach((name, array) -> tensors.put(name, TensorData.fromNDArray(array)));
    return new StateDict(tensors, metadata);
  }

  /** The names, in file order. */
  public Set<String> names() {
    return tensors.keySet();
  }

  /** The tensors by name, in file order (unmodifiable). */
  public Map<String, TensorData> tensors() {
    return tensors;
  }

  /** The string metadata (unmodifiable, possibly empty). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Number of tensors. */
  public int size() {
    return tensors.size();
  }

  /** Whether a tensor of this name exists. */
  public boolean contains(String name) {
    return tensors.containsKey(name);
  }

  /**
   * The tensor of this name.
   *
   * @throws IllegalArgumentException if there is none
   */
  public TensorData get(String name) {
    TensorData tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("no tensor '" + name + "' in the state dict");
    }
    return tensor;
  }

  /** The named tensor as an NDArray owned by {@code manager} (see {@link TensorData#toNDArray}). */
  public NDArray toNDArray(String name, NDManager manager) {
    return get(name).toNDArray(manager);
  }

  /** Name to shape, in file order: what {@link StateDictCheck} compares. */
  public Map<String, Shape> shapes() {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    tensors.forEach((name, tensor) -> shapes.put(name, tensor.djlShape()));
    return shapes;
  }

  /**
   * The same tensors with {@code prefix} removed from the names that start with it (such as {@code
   * "module."} left by DistributedDataParallel); other names are kept as they are.
   *
   * @throws IllegalArgumentException if removing the prefix makes two names equal
   */
  public StateDict withPrefixRemoved(String prefix) {
    Map<String, TensorData> renamed = new LinkedHashMap<>();
    tensors.forEach(
        (name, tensor) -> {
          String newName = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
          if (renamed.put(newName, tensor) != null) {
            throw new IllegalArgumentException(
                "removing prefix '" + prefix + "' makes two tensors '" + newName + "'");
          }
        });
    return new StateDict(renamed, metadata);
  }

  /** The tensor count, never names or values. */
  @Override
  public String toString() {
    return "StateDict[" + tensors.size() + " tensors]";
  }
}
