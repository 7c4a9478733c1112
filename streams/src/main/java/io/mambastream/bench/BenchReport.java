package io.mambastream.bench;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON object of a {@code bench NAME --json} command.
 *
 * @param benchmark the benchmark's name (e.g. "scan")
 * @param command the command line that produced it
 * @param date when it ran, ISO-8601 UTC
 * @param machine where it ran
 * @param rows one per measured case
 * @param notes caveats a reader needs (thread counts, skipped rows, machine load)
 * @param sections benchmark-specific extra sections written as top-level keys (e.g. "floor")
 */
public record BenchReport(
    String benchmark,
    String command,
    String date,
    MachineInfo machine,
    List<BenchRow> rows,
    List<String> notes,
    @JsonIgnore Map<String, Object> sections) {

  /** Copies the lists and the map; sections keep their insertion order. */
  public BenchReport {
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
    sections = new LinkedHashMap<>(sections);
  }

  /** The extra sections, written beside the standard keys. */
  @JsonAnyGetter
  public Map<String, Object> sectionsForJson() {
    return sections;
  }

  /** Returns the row with this name and these parameters, if measured. */
  public Optional<BenchRow> row(String name, Map<String, Object> params) {
    return rows.stream()
        .filter(row -> row.name().equals(name) && row.params().equals(params))
        .findFirst();
  }
}
