package io.mambastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bench} group: Measure kernels and models; write rows as JSON with --json. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure kernels and models; write rows as JSON with --json.",
    subcommands = {BenchScanCommand.class, BenchBackboneCommand.class, BenchTrainStepCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command.");
  }
}
