/**
 * Vision Mamba (Vim, hustvl): patch tokens with a middle class token through bidirectional Mamba
 * layers; loads the official checkpoints by name.
 *
 * <p>Abbreviations used in shapes: B batch, C image channels, H and W image size, P patch size, M
 * patch tokens (H/P · W/P), L = M + 1 tokens, D model width.
 */
package io.mambastream.backbones.vim;
