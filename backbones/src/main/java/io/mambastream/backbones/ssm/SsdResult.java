package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;

/**
 * What an SSD scan returns.
 *
 * @param y the output, (B, L, H, P): {@code h_t·C_t + D·x_t}, 0 at pruned positions
 * @param lastState the hidden state after the last position, (B, H, P, N)
 */
public record SsdResult(NDArray y, NDArray lastState) {}
