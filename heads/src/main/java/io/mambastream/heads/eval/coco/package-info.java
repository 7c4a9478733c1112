/**
 * COCO detection and instance-segmentation evaluation with the exact semantics of pycocotools'
 * {@code COCOeval}: greedy matching per IoU threshold, crowd regions, area ranges, 101-point
 * interpolated precision and the 12-number summary.
 */
package io.mambastream.heads.eval.coco;
