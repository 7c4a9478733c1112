/**
 * The Mamba-1 mixer (with the Vim "v2" bidirectional branch), its RMSNorm and the pre-norm residual
 * layer that stacks them.
 *
 * <p>Abbreviations used in shapes: B batch, L sequence length, D model width (d_model), E inner
 * width (d_inner = expand·D), N state size (d_state), R rank of the Δ projection (dt_rank), K conv
 * kernel width.
 */
package io.mambastream.backbones.mamba;
