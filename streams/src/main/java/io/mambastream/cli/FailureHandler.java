package io.mambastream.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns a failure of a command into one clear line on stderr and an exit code: 2 for bad input
 * (illegal arguments, unreadable files), 1 for anything else, whose stack trace is printed too.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception failure, CommandLine command, CommandLine.ParseResult parseResult) {
    var err = command.getErr();
    if (failure instanceof IllegalArgumentException
        || failure instanceof IOException
        || failure instanceof UncheckedIOException) {
      err.println(command.getColorScheme().errorText("error: " + failure.getMessage()));
      return BAD_INPUT;
    }
    err.println(command.getColorScheme().errorText("error: " + failure));
    failure.printStackTrace(err);
    return FAILURE;
  }
}
