package io.mambastream.heads.eval.mot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MOT metrics of one sequence (or OVERALL): py-motmetrics' CLEAR and identity counts and
 * TrackEval's HOTA family.
 */
public record MotEvaluation(String name, ClearMotCounts clear, HotaCounts hota) {
  /** py-motmetrics' match threshold: a pair matches iff 1 − IoU ≤ 0.5. */
  public static final double MAX_IOU_DISTANCE = 0.5;

  /** The name of the combined row. */
  public static final String OVERALL = "OVERALL";

  /** Evaluates predictions against ground truth; the result takes the ground truth's name. */
  public static MotEvaluation evaluate(MotSequence gt, MotSequence pred) {
    return new MotEvaluation(
        gt.name(),
        ClearMotEvaluator.evaluate(gt, pred, MAX_IOU_DISTANCE),
        HotaEvaluator.evaluate(gt, pred));
  }

  /** Combines sequences: motmetrics' {@code generate_overall} and TrackEval's combination. */
  public static MotEvaluation overall(List<MotEvaluation> sequences) {
    return new MotEvaluation(
        OVERALL,
        ClearMotCounts.merge(sequences.stream().map(MotEvaluation::clear).toList()),
        HotaCounts.combine(sequences.stream().map(MotEvaluation::hota).toList()));
  }

  /**
   * Returns every metric by name: motmetrics' names for CLEAR/identity ({@code mota}, {@code idf1},
   * ...) and TrackEval's for HOTA ({@code HOTA}, {@code DetA}, ... as means over α).
   */
  public Map<String, Number> metrics() {
    Map<String, Number> m = new LinkedHashMap<>();
    m.put("idf1", clear.idf1());
    m.put("idp", clear.idp());
    m.put("idr", clear.idr());
    m.put("recall", clear.recall());
    m.put("precision", clear.precision());
    m.put("num_unique_objects", clear.numUniqueObjects());
    m.put("mostly_tracked", clear.mostlyTracked());
    m.put("partially_tracked", clear.partiallyTracked());
    m.put("mostly_lost", clear.mostlyLost());
    m.put("num_false_positives", clear.numFalsePositives());
    m.put("num_misses", clear.numMisses());
    m.put("num_switches", clear.numSwitches());
    m.put("num_fragmentations", clear.numFragmentations());
    m.put("mota", clear.mota());
    m.put("motp", clear.motp());
    m.put("num_objects", clear.numObjects());
    m.put("num_predictions", clear.numPredictions());
    m.put("num_matches", clear.numMatches());
    m.put("num_detections", clear.numDetections());
    m.put("num_frames", clear.numFrames());
    m.put("idtp", clear.idtp());
    m.put("idfp", clear.idfp());
    m.put("idfn", clear.idfn());
    m.put("HOTA", hota.mean(hota::hota));
    m.put("DetA", hota.mean(hota::detA));
    m.put("AssA", hota.mean(hota::assA));
    m.put("DetRe", hota.mean(hota::detRe));
    m.put("DetPr", hota.mean(hota::detPr));
    m.put("AssRe", hota.mean(hota::assRe));
    m.put("AssPr", hota.mean(hota::assPr));
    m.put("LocA", hota.mean(hota::locA));
    m.put("HOTA(0)", hota.hota(0));
    m.put("LocA(0)", hota.locA(0));
    m.put("HOTALocA(0)", hota.hota(0) * hota.locA(0));
    return m;
  }
}
