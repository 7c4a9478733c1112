package io.mambastream.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Writes the one JSON object of a {@code --json} command to its standard output.
 *
 * <p>Doubles are written at full precision (the shortest text that reads back as the same double);
 * NaN and infinities, which JSON lacks, are written as {@code null}.
 */
public final class JsonOutput {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .addModule(NonFiniteAsNull.module())
          .build();

  private JsonOutput() {}

  /** Returns the mapper every command uses, so tests can read what commands print. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Prints {@code value} (a record, map or list) as one JSON object and flushes. */
  public static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
