/**
 * A PlainMamba-style plain (non-hierarchical) backbone whose blocks scan the token grid along a
 * {@link io.mambastream.backbones.mixer2d.ScanLayout}: PlainMamba's zig-zag paths with
 * direction-aware updating, or the EfficientVMamba (atrous) and GroupMamba (channel groups) layouts
 * through the same block.
 *
 * <p>Abbreviations used in shapes: B batch, C image channels, H and W image height and width, P
 * patch size, h = H / P, w = W / P, L = h·w tokens, D model width.
 */
package io.mambastream.backbones.plainmamba;
