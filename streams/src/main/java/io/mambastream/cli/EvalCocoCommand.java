package io.mambastream.cli;

import io.mambastream.heads.eval.coco.CocoDataset;
import io.mambastream.heads.eval.coco.CocoDatasetReader;
import io.mambastream.heads.eval.coco.CocoDetection;
import io.mambastream.heads.eval.coco.CocoEvaluation;
import io.mambastream.heads.eval.coco.CocoEvaluator;
import io.mambastream.heads.eval.coco.CocoResultsReader;
import io.mambastream.heads.eval.coco.CocoStat;
import io.mambastream.heads.eval.coco.IouType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval coco}: COCO box or mask AP of a results file, exactly as pycocotools computes it. */
@Command(
    name = "coco",
    mixinStandardHelpOptions = true,
    description = {
      "COCO detection (bbox) or instance-segmentation (segm) evaluation with pycocotools'"
          + " semantics; prints the 12-line summary, or one JSON object with --json.",
    })
public final class EvalCocoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--gt",
      required = true,
      paramLabel = "FILE",
      description = "Ground truth: COCO JSON with images, categories, annotations.")
  Path groundTruth;

  @Option(
      names = "--dt",
      required = true,
      paramLabel = "FILE",
      description = "Results: a JSON list of {image_id, category_id, score, bbox|segmentation}.")
  Path results;

  @Option(
      names = "--iou",
      required = true,
      paramLabel = "TYPE",
      description = "What the IoU is computed on: bbox or segm.")
  String iou;

  @Option(names = "--json", description = "Print one JSON object instead of the summary.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    IouType iouType = IouType.parse(iou);
    CocoDataset dataset = CocoDatasetReader.read(groundTruth, iouType);
    List<CocoDetection> detections = CocoResultsReader.read(results, dataset, iouType);
    CocoEvaluation evaluation = CocoEvaluator.evaluate(dataset, detections, iouType);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, toJson(evaluation));
    } else {
      evaluation.summaryLines().forEach(out::println);
      out.flush();
    }
    return 0;
  }

  /** {"iouType", "stats": {AP: ..., ...}, "perCategory": [{id, name, AP, ...}]}. */
  static Map<String, Object> toJson(CocoEvaluation evaluation) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("iouType", evaluation.iouType().label());
    root.put("stats", named(evaluation.stats()));
    List<Map<String, Object>> perCategory = new ArrayList<>();
    for (int k = 0; k < evaluation.categories().size(); k++) {
      Map<String, Object> category = new LinkedHashMap<>();
      category.put("id", evaluation.categories().get(k).id());
      category.put("name", evaluation.categories().get(k).name());
      category.putAll(named(evaluation.perCategory()[k]));
      perCategory.add(category);
    }
    root.put("perCategory", perCategory);
    return root;
  }

  private static Map<String, Object> named(double[] stats) {
    Map<String, Object> named = new LinkedHashMap<>();
    for (CocoStat stat : CocoStat.values()) {
      named.put(stat.name(), stats[stat.ordinal()]);
    }
    return named;
  }
}
