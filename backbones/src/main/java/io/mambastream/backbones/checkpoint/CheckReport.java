package io.mambastream.backbones.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * How a state dict differs from what a model expects; each list sorted by name (numbers in names
 * compare as numbers, so {@code layers.2} precedes {@code layers.10}).
 *
 * @param missing names the model expects and the state dict lacks
 * @param unexpected names the state dict holds and the model does not expect
 * @param mismatched names in both, with different shapes
 */
public record CheckReport(
    List<String> missing, List<String> unexpected, List<ShapeMismatch> mismatched) {
  /** Entries listed per group in {@link #describe()} before "... and N more". */
  public static final int MAX_LISTED = 20;

  /** Keeps unmodifiable copies. */
  public CheckReport {
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
    mismatched = List.copyOf(mismatched);
  }

  /** Whether the state dict matches: nothing missing, unexpected or mismatched. */
  public boolean isClean() {
    return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
  }

  /**
   * A multi-line description: a summary line, then each non-empty group with at most {@link
   * #MAX_LISTED} entries, one per line.
   */
  public String describe() {
    if (isClean()) {
      return "the state dict matches the model";
    }
    StringJoiner text = new StringJoiner("\n");
    text.add(
        "the state dict does not match the model: "
            + missing.size()
            + " missing, "
            + unexpected.size()
            + " unexpected, "
            + mismatched.size()
            + " with another shape");
    group(text, "missing", missing);
    group(text, "unexpected", unexpected);
    group(text, "shape mismatch", mismatched);
    return text.toString();
  }

  private static void group(StringJoiner text, String title, List<?> entries) {
    if (entries.isEmpty()) {
      return;
    }
    text.add(title + " (" + entries.size() + "):");
    List<?> shown = entries.subList(0, Math.min(MAX_LISTED, entries.size()));
    List<String> lines = new ArrayList<>();
    shown.forEach(entry -> lines.add("  " + entry));
    if (entries.size() > shown.size()) {
      lines.add("  ... and " + (entries.size() - shown.size()) + " more");
    }
    lines.forEach(text::add);
  }
}
