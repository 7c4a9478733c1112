/**
 * {@code bench backbone}: Vim-Ti against DeiT-Ti inference throughput and peak memory, on our DJL
 * engine and in PyTorch, and the cases and run order it shares with the training-step benchmark.
 */
package io.mambastream.bench.backbone;
