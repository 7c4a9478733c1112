package io.mambastream.cli;

import io.mambastream.heads.eval.miou.MiouEvaluator;
import io.mambastream.heads.eval.miou.MiouResult;
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

/** {@code eval miou}: mmsegmentation's mIoU of predicted label PNGs against ground truth. */
@Command(
    name = "miou",
    mixinStandardHelpOptions = true,
    description = {
      "Mean IoU of predicted label PNGs against ground-truth label PNGs, as mmsegmentation's"
          + " IoUMetric computes it.",
      "Files are paired by name; label PNGs are single-channel (8-bit grayscale or palette index),"
          + " read as raw values. Areas are summed over the whole data set; pixels whose ground"
          + " truth is the ignore index are dropped; classes with zero union are NaN and left out"
          + " of mIoU. Values outside [0, classes) are dropped from the histograms as mmseg's"
          + " torch.histc drops them. Numbers are reported ×100."
    })
public final class EvalMiouCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--gt", required = true, paramLabel = "DIR", description = "Ground-truth PNGs.")
  Path gtDir;

  @Option(names = "--pred", required = true, paramLabel = "DIR", description = "Predicted PNGs.")
  Path predDir;

  @Option(names = "--classes", required = true, paramLabel = "N", description = "Class count.")
  int classes;

  @Option(
      names = "--ignore",
      defaultValue = "255",
      paramLabel = "INDEX",
      description = "Ground-truth value to ignore (default: ${DEFAULT-VALUE}).")
  int ignoreIndex;

  @Option(
      names = "--class-names",
      split = ",",
      paramLabel = "NAME",
      description = "Comma-separated class names for the table (default: the class ids).")
  List<String> classNames;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (classNames != null && classNames.size() != classes) {
      throw new IllegalArgumentException(
          "--class-names has " + classNames.size() + " names for " + classes + " classes");
    }
    MiouResult result = new MiouEvaluator(classes, ignoreIndex).evaluate(gtDir, predDir);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, toJson(result));
    } else {
      printTables(out, result);
    }
    return 0;
  }

  private String name(int c) {
    return classNames == null ? Integer.toString(c) : classNames.get(c);
  }

  private Map<String, Object> toJson(MiouResult r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("metric", "mIoU");
    root.put("scale", 100);
    root.put("classes", classes);
    root.put("ignore_index", ignoreIndex);
    root.put("images", r.images());
    root.put("aAcc", 100 * r.allAcc());
    root.put("mIoU", 100 * r.meanIou());
    root.put("mAcc", 100 * r.meanAcc());
    List<Map<String, Object>> perClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("class", c);
      row.put("name", name(c));
      row.put("IoU", 100 * r.iou()[c]);
      row.put("Acc", 100 * r.acc()[c]);
      row.put("intersect", r.intersect()[c]);
      row.put("union", r.union()[c]);
      row.put("pred_area", r.predArea()[c]);
      row.put("label_area", r.labelArea()[c]);
      perClass.add(row);
    }
    root.put("per_class", perClass);
    return root;
  }

  private void printTables(PrintWriter out, MiouResult r) {
    List<String[]> rows = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      rows.add(new String[] {name(c), percent(r.iou()[c]), percent(r.acc()[c])});
    }
    out.println("per class results:");
    TextTable.print(out, new String[] {"Class", "IoU", "Acc"}, rows);
    out.println("Summary (" + r.images() + " images):");
    TextTable.print(
        out,
        new String[] {"aAcc", "mIoU", "mAcc"},
        List.<String[]>of(
            new String[] {percent(r.allAcc()), percent(r.meanIou()), percent(r.meanAcc())}));
    out.flush();
  }

  /** Formats a fraction ×100 with two decimals, as mmseg rounds; NaN as "nan". */
  private static String percent(double fraction) {
    return Double.isNaN(fraction) ? "nan" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
  }
}
