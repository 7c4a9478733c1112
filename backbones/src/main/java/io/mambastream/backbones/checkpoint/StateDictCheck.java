package io.mambastream.backbones.checkpoint;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a state dict with the parameter names and shapes a model expects, like PyTorch's {@code
 * load_state_dict(strict=True)} but reporting every difference at once.
 *
 * <pre>{@code
 * StateDictCheck check = StateDictCheck.builder()
 *     .setExpected(expectedShapes)      // name → Shape, from the model
 *     .optIgnoredPrefixes("head.")       // e.g. a new classifier when fine-tuning
 *     .build();
 * check.verify(weights);                 // throws CheckpointMismatchException listing all groups
 * }</pre>
 *
 * <p>A name starting with an ignored prefix is left out on both sides: it is never missing,
 * unexpected or mismatched.
 */
public final class StateDictCheck {
  private final Map<String, Shape> expected;
  private final List<String> ignoredPrefixes;

  private StateDictCheck(Builder builder) {
    this.expected = new LinkedHashMap<>(builder.expected);
    this.ignoredPrefixes = List.copyOf(builder.ignoredPrefixes);
  }

  /** A builder; {@link Builder#setExpected} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Compares {@code weights} with the expected names and shapes. */
  public CheckReport check(StateDict weights) {
    return check(weights.shapes());
  }

  /** Compares found names and shapes with the expected ones. */
  public CheckReport check(Map<String, Shape> found) {
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<ShapeMismatch> mismatched = new ArrayList<>();
    expected.forEach(
        (name, shape) -> {
          if (isIgnored(name)) {
            return;
          }
          Shape actual = found.get(name);
          if (actual == null) {
            missing.add(name);
          } else if (!actual.equals(shape)) {
            mismatched.add(new ShapeMismatch(name, shape, actual));
          }
        });
    found.keySet().stream()
        .filter(name -> !expected.containsKey(name) && !isIgnored(name))
        .forEach(unexpected::add);
    missing.sort(NaturalOrder.INSTANCE);
    unexpected.sort(NaturalOrder.INSTANCE);
    mismatched.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()));
    return new CheckReport(missing, unexpected, mismatched);
  }

  /**
   * Checks {@code weights} and returns them when they match.
   *
   * @throws CheckpointMismatchException listing every missing, unexpected and mismatched name
   */
  public StateDict verify(StateDict weights) {
    CheckReport report = check(weights);
    if (!report.isClean()) {
      throw new CheckpointMismatchException(report);
    }
    return weights;
  }

  private boolean isIgnored(String name) {
    return ignoredPrefixes.stream().anyMatch(name::startsWith);
  }

  /** Builds a {@link StateDictCheck}. */
  public static final class Builder {
    private Map<String, Shape> expected;
    private final List<String> ignoredPrefixes = new ArrayList<>();

    private Builder() {}

    /** The names and shapes the model expects (required). */
    public Builder setExpected(Map<String, Shape> expected) {
      this.expected = new LinkedHashMap<>(Objects.requireNonNull(expected, "expected"));
      return this;
    }

    /** Name prefixes to leave out of the comparison, such as {@code "head."}. */
    public Builder optIgnoredPrefixes(String... prefixes) {
      for (String prefix : prefixes) {
        if (prefix == null || prefix.isEmpty()) {
          throw new IllegalArgumentException("an ignored prefix must be non-empty");
        }
        ignoredPrefixes.add(prefix);
      }
      return this;
    }

    /** The check. */
    public StateDictCheck build() {
      if (expected == null) {
        throw new IllegalStateException("setExpected is required");
      }
      return new StateDictCheck(this);
    }
  }
}
