/**
 * The ViT baseline (DeiT-Tiny/Small shapes, timm parameter names) that the Vim backbones are
 * compared with.
 *
 * <p>Abbreviations used in shapes: B batch, L tokens (class token first, then M patch tokens), D
 * width, H heads, Dh = D / H per-head width.
 */
package io.mambastream.backbones.vit;
