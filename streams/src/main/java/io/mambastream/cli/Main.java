package io.mambastream.cli;

/** Entry point of the {@code mambastream} command line. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(MambastreamCommand.commandLine().execute(args));
  }
}
