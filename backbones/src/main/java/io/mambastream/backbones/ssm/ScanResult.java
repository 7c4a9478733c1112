package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;

/**
 * What a selective scan returns.
 *
 * @param y the output, (B, D, L): {@code (Σ_n C_t[n]·h_t[n] + D·x_t) · silu(z_t)}, 0 at pruned
 *     positions
 * @param lastState the hidden state after the last position, (B, D, N)
 */
public record ScanResult(NDArray y, NDArray lastState) {}
