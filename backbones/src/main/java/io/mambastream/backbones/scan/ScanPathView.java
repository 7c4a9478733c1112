package io.mambastream.backbones.scan;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * What {@link MultiScan#apply} hands the per-path sequence function: tokens already in the path's
 * order, and the path itself for its direction ids and segments.
 *
 * @param index the path's position k in the multi-scan (selects per-path parameters)
 * @param path the path
 * @param tokens the tokens in path order, (B, L, D), or (B, L, D/G) for {@link
 *     MergeRule#CHANNEL_GROUPS}; borrowed
 * @param keptMask the kept-mask in path order, (B, L), if pruning is on; borrowed
 */
public record ScanPathView(int index, ScanPath path, NDArray tokens, Optional<NDArray> keptMask) {}
