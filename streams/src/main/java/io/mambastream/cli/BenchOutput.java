package io.mambastream.cli;

import io.mambastream.bench.BenchReport;
import io.mambastream.bench.BenchRow;
import io.mambastream.bench.BenchTable;
import io.mambastream.bench.MachineInfo;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option of the bench commands that measure a row per image size and batch, and
 * the report they print: the one JSON object, or the table with the machine and the notes.
 */
public final class BenchOutput {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  /**
   * Returns the report of {@code benchmark}, stamped with this command line (from the group name
   * on) and the time now (UTC, whole seconds).
   */
  BenchReport report(
      String benchmark,
      MachineInfo machine,
      List<BenchRow> rows,
      List<String> notes,
      Map<String, Object> sections) {
    // The root's parse result holds every argument, from the group name on.
    List<String> args = command.root().commandLine().getParseResult().originalArgs();
    return new BenchReport(
        benchmark,
        "mambastream " + String.join(" ", args),
        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
        machine,
        rows,
        notes,
        sections);
  }

  /**
   * Prints {@code report} to the command's output: with {@code --json} the one JSON object; else
   * the table of its {@code px} and {@code batch} cases with the ratios to {@code baselines}, a
   * blank line, what {@code measures} prints, the machine, the notes and what {@code details}
   * prints.
   */
  void print(
      BenchReport report,
      List<String> baselines,
      Consumer<PrintWriter> measures,
      Consumer<PrintWriter> details) {
    PrintWriter out = command.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, report);
      return;
    }
    out.print(BenchTable.render(report, List.of("px", "batch"), baselines));
    out.println();
    measures.accept(out);
    out.println("machine: " + report.machine());
    report.notes().forEach(note -> out.println("note: " + note));
    details.accept(out);
    out.flush();
  }

  /** Returns the row's name and case, as the text output names a row ("deit-tiny px=224 ..."). */
  static String label(BenchRow row) {
    return row.name() + " " + BenchTable.label(row.params());
  }
}
