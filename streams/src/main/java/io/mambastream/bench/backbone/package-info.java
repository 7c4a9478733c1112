/**
 * {@code bench backbone}: Vim-Ti against DeiT-Ti inference throughput and peak memory, on our DJL
 * engine and in PyTorch.
 */
package io.mambastream.bench.backbone;
