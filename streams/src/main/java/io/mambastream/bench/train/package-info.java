/**
 * {@code bench train-step}: the time and peak memory of one training step (forward, loss, backward,
 * AdamW update) of Vim-Ti against DeiT-Ti.
 */
package io.mambastream.bench.train;
