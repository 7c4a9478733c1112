package io.mambastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code train} group: train models. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train models.",
    subcommands = {TrainClassifyCommand.class, TrainCurvesCommand.class})
public final class TrainCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command.");
  }
}
