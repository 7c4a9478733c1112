/**
 * Selective state-space scans (Mamba S6 and Mamba-2 SSD) behind one interface each.
 *
 * <p>Abbreviations used in shapes: B batch, D channels (d_inner), L sequence length, N state size
 * (d_state); for SSD also H heads, P head dimension, G groups of B and C. Every {@link
 * io.mambastream.backbones.ssm.SelectiveScan} is checked against {@link
 * io.mambastream.backbones.ssm.SequentialScan}, every {@link io.mambastream.backbones.ssm.SsdScan}
 * against {@link io.mambastream.backbones.ssm.SequentialSsd}, the obvious references. {@link
 * io.mambastream.backbones.ssm.ChunkedScan} and {@link io.mambastream.backbones.ssm.ChunkedSsd} are
 * the differentiable forms for training.
 */
package io.mambastream.backbones.ssm;
