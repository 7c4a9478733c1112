/**
 * Mean intersection-over-union of semantic label maps, computed exactly as mmsegmentation's {@code
 * IoUMetric} does (dataset-level areas, ignore index, NaN classes left out of the means).
 */
package io.mambastream.heads.eval.miou;
