package io.mambastream.cli;

import io.mambastream.heads.eval.mot.MotEvaluation;
import io.mambastream.heads.eval.mot.MotFileReader;
import io.mambastream.heads.eval.mot.MotSequence;
import io.mambastream.heads.eval.mot.SequencePair;
import io.mambastream.heads.eval.mot.SequencePairing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval mot}: CLEAR, identity and HOTA metrics of tracking results on MOTChallenge files. */
@Command(
    name = "mot",
    mixinStandardHelpOptions = true,
    description = {
      "Multi-object tracking metrics on MOTChallenge files (frame,id,x,y,w,h,conf,...):",
      "py-motmetrics' CLEAR and identity metrics (match iff 1 - IoU <= 0.5) and",
      "TrackEval's HOTA family, per sequence and OVERALL. See docs/EVALUATION.md."
    })
public final class EvalMotCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--gt",
      required = true,
      paramLabel = "GT",
      description = "Ground-truth file, or folder of SEQ.txt files or SEQ/gt/gt.txt folders.")
  Path gt;

  @Option(
      names = "--pred",
      required = true,
      paramLabel = "PRED",
      description = "Prediction file, or folder of them paired with GT by sequence name.")
  Path pred;

  @Option(
      names = "--gt-min-conf",
      paramLabel = "C",
      description =
          "Drop ground-truth boxes whose confidence column is below C (py-motmetrics'"
              + " eval_motchallenge app uses 1). Default: keep all.")
  Double gtMinConf;

  @Option(names = "--json", description = "Print one JSON object at full precision.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<MotEvaluation> results = new ArrayList<>();
    for (SequencePair pair : SequencePairing.pair(gt, pred)) {
      MotSequence truth = MotFileReader.read(pair.gt(), pair.name());
      if (gtMinConf != null) {
        truth = truth.withMinConfidence(gtMinConf);
      }
      results.add(MotEvaluation.evaluate(truth, MotFileReader.read(pair.pred(), pair.name())));
    }
    MotEvaluation overall = MotEvaluation.overall(results);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> sequences = new LinkedHashMap<>();
      for (MotEvaluation r : results) {
        sequences.put(r.name(), r.metrics());
      }
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("sequences", sequences);
      document.put("overall", overall.metrics());
      JsonOutput.print(out, document);
      return 0;
    }
    List<MotEvaluation> rows = new ArrayList<>(results);
    rows.add(overall);
    printTable(out, rows, CLEAR_COLUMNS);
    out.println();
    printTable(out, rows, HOTA_COLUMNS);
    out.flush();
    return 0;
  }

  /** A printed column: header, metric key, and how to format its value. */
  private record Column(String header, String metric, Format format) {}

  private enum Format {
    PERCENT,
    COUNT,
    DECIMAL,
    HUNDRED
  }

  // The columns of py-motmetrics' render_summary with its MOTChallenge names.
  private static final List<Column> CLEAR_COLUMNS =
      List.of(
          new Column("IDF1", "idf1", Format.PERCENT),
          new Column("IDP", "idp", Format.PERCENT),
          new Column("IDR", "idr", Format.PERCENT),
          new Column("Rcll", "recall", Format.PERCENT),
          new Column("Prcn", "precision", Format.PERCENT),
          new Column("GT", "num_unique_objects", Format.COUNT),
          new Column("MT", "mostly_tracked", Format.COUNT),
          new Column("PT", "partially_tracked", Format.COUNT),
          new Column("ML", "mostly_lost", Format.COUNT),
          new Column("FP", "num_false_positives", Format.COUNT),
          new Column("FN", "num_misses", Format.COUNT),
          new Column("IDs", "num_switches", Format.COUNT),
          new Column("FM", "num_fragmentations", Format.COUNT),
          new Column("MOTA", "mota", Format.PERCENT),
          new Column("MOTP", "motp", Format.DECIMAL));

  // TrackEval's HOTA summary (×100).
  private static final List<Column> HOTA_COLUMNS =
      List.of(
          new Column("HOTA", "HOTA", Format.HUNDRED),
          new Column("DetA", "DetA", Format.HUNDRED),
          new Column("AssA", "AssA", Format.HUNDRED),
          new Column("DetRe", "DetRe", Format.HUNDRED),
          new Column("DetPr", "DetPr", Format.HUNDRED),
          new Column("AssRe", "AssRe", Format.HUNDRED),
          new Column("AssPr", "AssPr", Format.HUNDRED),
          new Column("LocA", "LocA", Format.HUNDRED));

  private static void printTable(PrintWriter out, List<MotEvaluation> rows, List<Column> columns) {
    List<String[]> cells = new ArrayList<>();
    String[] header = new String[columns.size() + 1];
    header[0] = "";
    for (int c = 0; c < columns.size(); c++) {
      header[c + 1] = columns.get(c).header();
    }
    cells.add(header);
    for (MotEvaluation row : rows) {
      Map<String, Number> metrics = row.metrics();
      String[] line = new String[columns.size() + 1];
      line[0] = row.name();
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        line[c + 1] = format(metrics.get(column.metric()), column.format());
      }
      cells.add(line);
    }
    int[] width = new int[header.length];
    for (String[] line : cells) {
      for (int c = 0; c < line.length; c++) {
        width[c] = Math.max(width[c], line[c].length());
      }
    }
    for (String[] line : cells) {
      StringBuilder text = new StringBuilder(String.format("%-" + width[0] + "s", line[0]));
      for (int c = 1; c < line.length; c++) {
        text.append(String.format(" %" + width[c] + "s", line[c]));
      }
      out.println(text);
    }
  }

  private static String format(Number value, Format format) {
    double v = value.doubleValue();
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }
    return switch (format) {
      case PERCENT -> String.format(Locale.ROOT, "%.1f%%", 100 * v);
      case COUNT -> String.format(Locale.ROOT, "%d", Math.round(v));
      case DECIMAL -> String.format(Locale.ROOT, "%.3f", v);
      case HUNDRED -> String.format(Locale.ROOT, "%.3f", 100 * v);
    };
  }
}
