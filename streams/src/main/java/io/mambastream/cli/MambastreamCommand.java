package io.mambastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: lists every sub-command of {@code bin/mambastream}. */
@Command(
    name = "mambastream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Video understanding with Vision Mamba backbones.",
    subcommands = {
      CommandLine.HelpCommand.class,
      BenchCommand.class,
      DataCommand.class,
      DemoCommand.class,
      EvalCommand.class,
      TrainCommand.class,
      ZooCommand.class,
      ClassifyCommand.class,
    })
public final class MambastreamCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Returns a command line with the project's error handling installed. */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new MambastreamCommand());
    line.setExecutionExceptionHandler(new FailureHandler());
    return line;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
