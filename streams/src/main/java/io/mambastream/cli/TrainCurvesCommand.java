package io.mambastream.cli;

import io.mambastream.backbones.train.EpochMetrics;
import io.mambastream.backbones.train.MetricsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code train curves}: draws a run's loss and accuracy curves from its {@code metrics.csv}. */
@Command(
    name = "curves",
    mixinStandardHelpOptions = true,
    description = {
      "Draw the loss and accuracy curves (PNG) of a training run from its metrics.csv, e.g. for",
      "a run on a machine without fonts, where train classify could not draw them."
    })
public final class TrainCurvesCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "A training output directory or its metrics.csv.")
  Path run;

  @Option(names = "--out", description = "The PNG to write (default: RUN/curves.png).")
  Path out;

  @Override
  public Integer call() throws IOException {
    Path csv = Files.isDirectory(run) ? run.resolve("metrics.csv") : run;
    List<EpochMetrics> history = MetricsCsv.read(csv);
    if (history.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), csv + " has no epochs");
    }
    Path png = out != null ? out : csv.resolveSibling("curves.png");
    TrainingCurves.write(png, history, csv.toAbsolutePath().getParent());
    spec.commandLine().getOut().println(png);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
