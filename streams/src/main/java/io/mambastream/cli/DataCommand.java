package io.mambastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code data} group: Generate data sets (synthetic MovingFashion scenes). */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Generate data sets (synthetic MovingFashion scenes).",
    subcommands = {DataScenesCommand.class})
public final class DataCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command.");
  }
}
