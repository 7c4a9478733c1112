package io.mambastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eval} group: Evaluate predictions against ground truth. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate predictions against ground truth.",
    subcommands = {
      EvalCocoCommand.class,
      EvalMiouCommand.class,
      EvalMotCommand.class,
      EvalFidCommand.class,
      EvalClassifyCommand.class
    })
public final class EvalCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command.");
  }
}
