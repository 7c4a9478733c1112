package io.mambastream.heads.eval.mot;

/**
 * py-motmetrics' CLEAR MOT and track-quality counts of one sequence (or of several merged), with
 * the identity counts beside them; ratios are derived the way {@code motmetrics.metrics} derives
 * them (0/0 is NaN, x/0 is ±∞).
 *
 * @param numFrames frames present in ground truth or predictions
 * @param numMatches MATCH events
 * @param numSwitches SWITCH events (a match whose object was last matched to another hypothesis)
 * @param numFalsePositives FP events (unmatched predictions)
 * @param numMisses MISS events (unmatched ground-truth boxes)
 * @param numObjects ground-truth boxes
 * @param numPredictions predicted boxes
 * @param numUniqueObjects distinct ground-truth ids
 * @param mostlyTracked objects matched in ≥ 80% of the frames they appear in
 * @param partiallyTracked objects matched in ≥ 20% and < 80% of their frames
 * @param mostlyLost objects matched in < 20% of their frames
 * @param numFragmentations runs of misses that lie between two matched frames of an object
 * @param motp mean distance (1 − IoU) over matches and switches, as motmetrics reports it
 * @param idtp identity true positives after the global trajectory matching
 * @param idfp identity false positives
 * @param idfn identity false negatives
 */
public record ClearMotCounts(
    long numFrames,
    long numMatches,
    long numSwitches,
    long numFalsePositives,
    long numMisses,
    long numObjects,
    long numPredictions,
    long numUniqueObjects,
    long mostlyTracked,
    long partiallyTracked,
    long mostlyLost,
    long numFragmentations,
    double motp,
    double idtp,
    double idfp,
    double idfn) {

  /** Matches plus switches. */
  public long numDetections() {
    return numMatches + numSwitches;
  }

  /** 1 − (misses + switches + false positives) / objects. */
  public double mota() {
    return 1.0 - (double) (numMisses + numSwitches + numFalsePositives) / numObjects;
  }

  /** Detections / objects. */
  public double recall() {
    return (double) numDetections() / numObjects;
  }

  /** Detections / (detections + false positives). */
  public double precision() {
    return (double) numDetections() / (numFalsePositives + numDetections());
  }

  /** IDTP / (IDTP + IDFP). */
  public double idp() {
    return idtp / (idtp + idfp);
  }

  /** IDTP / (IDTP + IDFN). */
  public double idr() {
    return idtp / (idtp + idfn);
  }

  /** 2 IDTP / (objects + predictions). */
  public double idf1() {
    return 2 * idtp / (numObjects + numPredictions);
  }

  /**
   * Merges sequences as {@code compute_many(..., generate_overall=True)} does: counts are summed,
   * ratios recomputed, and MOTP is Σ(motp · detections) / Σ detections — which is NaN as soon as
   * one sequence has no detection (its motp is 0/0), a quirk kept on purpose.
   */
  public static ClearMotCounts merge(Iterable<ClearMotCounts> parts) {
    long frames = 0;
    long matches = 0;
    long switches = 0;
    long fps = 0;
    long misses = 0;
    long objects = 0;
    long predictions = 0;
    long unique = 0;
    long mt = 0;
    long pt = 0;
    long ml = 0;
    long frag = 0;
    double weightedMotp = 0;
    double idtp = 0;
    double idfp = 0;
    double idfn = 0;
    for (ClearMotCounts c : parts) {
      frames += c.numFrames;
      matches += c.numMatches;
      switches += c.numSwitches;
      fps += c.numFalsePositives;
      misses += c.numMisses;
      objects += c.numObjects;
      predictions += c.numPredictions;
      unique += c.numUniqueObjects;
      mt += c.mostlyTracked;
      pt += c.partiallyTracked;
      ml += c.mostlyLost;
      frag += c.numFragmentations;
      weightedMotp += c.motp * c.numDetections();
      idtp += c.idtp;
      idfp += c.idfp;
      idfn += c.idfn;
    }
    double motp = weightedMotp / (matches + switches);
    return new ClearMotCounts(
        frames,
        matches,
        switches,
        fps,
        misses,
        objects,
        predictions,
        unique,
        mt,
        pt,
        ml,
        frag,
        motp,
        idtp,
        idfp,
        idfn);
  }
}
