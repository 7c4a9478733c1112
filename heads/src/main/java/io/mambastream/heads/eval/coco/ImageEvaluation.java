package io.mambastream.heads.eval.coco;

/**
 * The matching of one image's detections of one category in one area range (pycocotools' {@code
 * evaluateImg} entry), holding what accumulation needs. D ≤ 100 detections, highest score first; T
 * IoU thresholds.
 *
 * @param scores the D detection scores, in descending order (ties in file order)
 * @param matched T×D: whether detection d matched a ground truth (of nonzero id) at threshold t
 * @param ignored T×D: whether detection d is ignored at threshold t (matched an ignored ground
 *     truth, or unmatched and outside the area range)
 * @param relevantGroundTruths how many ground truths are not ignored (not crowd, area in range)
 */
public record ImageEvaluation(
    double[] scores, boolean[][] matched, boolean[][] ignored, int relevantGroundTruths) {}
