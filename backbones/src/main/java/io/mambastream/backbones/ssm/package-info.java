/**
 * Selective state-space scans (Mamba S6 and Mamba-2 SSD) behind one interface.
 *
 * <p>Abbreviations used in shapes: B batch, D channels (d_inner), L sequence length, N state size
 * (d_state). Every implementation is checked against {@link
 * io.mambastream.backbones.ssm.SequentialScan}, the obvious reference.
 */
package io.mambastream.backbones.ssm;
