package io.mambastream.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies named tensors (a state dict) into the parameters of an initialised block, matching by
 * {@link StateDictNames} and checking every shape.
 */
public final class StateDictLoader {

  private StateDictLoader() {}

  /**
   * What a load found.
   *
   * @param missing parameters of the block that the state dict lacks
   * @param unexpected state-dict entries that name no parameter
   * @param mismatched entries whose shape differs, as {@code "name: checkpoint (..) vs model (..)"}
   */
  public record Report(List<String> missing, List<String> unexpected, List<String> mismatched) {

    /** Copies the lists. */
    public Report {
      missing = List.copyOf(missing);
      unexpected = List.copyOf(unexpected);
      mismatched = List.copyOf(mismatched);
    }

    /** Returns whether every parameter was loaded and every entry used. */
    public boolean isExact() {
      return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    @Override
    public String toString() {
      return "missing " + missing + ", unexpected " + unexpected + ", mismatched " + mismatched;
    }
  }

  /**
   * Loads every entry that names a parameter with the same shape and reports the rest; the
   * parameters must be initialised (their arrays are overwritten in place).
   */
  public static Report load(Block block, Map<String, NDArray> stateDict) {
    Map<String, Parameter> parameters = StateDictNames.of(block);
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      NDArray source = stateDict.get(entry.getKey());
      if (source == null) {
        missing.add(entry.getKey());
        continue;
      }
      NDArray target = entry.getValue().getArray();
      Shape shape = target.getShape();
      if (!source.getShape().equals(shape)) {
        mismatched.add(entry.getKey() + ": checkpoint " + source.getShape() + " vs model " + shape);
        continue;
      }
      target.set(source.toType(target.getDataType(), false).toByteBuffer());
    }
    List<String> unexpected = new ArrayList<>();
    for (String name : stateDict.keySet()) {
      if (!parameters.containsKey(name)) {
        unexpected.add(name);
      }
    }
    return new Report(missing, unexpected, mismatched);
  }

  /**
   * Loads like {@link #load} and fails unless every parameter was loaded and every entry used.
   *
   * @throws IllegalArgumentException listing the missing, unexpected and mismatched names
   */
  public static Report loadStrict(Block block, Map<String, NDArray> stateDict) {
    Report report = load(block, stateDict);
    if (!report.isExact()) {
      throw new IllegalArgumentException("state dict does not match the model: " + report);
    }
    return report;
  }
}
