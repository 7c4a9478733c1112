package io.mambastream.heads.eval.coco;

import java.util.Arrays;
import java.util.List;

/**
 * The result of a COCO evaluation.
 *
 * @param iouType what the IoU was computed on
 * @param stats the 12 summary numbers, indexed by {@link CocoStat#ordinal()} (-1: undefined)
 * @param categories the K categories, sorted by id
 * @param perCategory K×12: the same numbers restricted to each category
 * @param accumulation the full precision and recall arrays
 */
public record CocoEvaluation(
    IouType iouType,
    double[] stats,
    List<CocoCategory> categories,
    double[][] perCategory,
    CocoAccumulation accumulation) {

  /** Returns one summary number. */
  public double stat(CocoStat stat) {
    return stats[stat.ordinal()];
  }

  /** Returns the 12-line summary, exactly as pycocotools' {@code summarize()} prints it. */
  public List<String> summaryLines() {
    return Arrays.stream(CocoStat.values()).map(s -> s.line(stat(s))).toList();
  }
}
