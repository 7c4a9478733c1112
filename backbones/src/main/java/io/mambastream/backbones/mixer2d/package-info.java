/**
 * The 2-D selective-scan mixer that VMamba, PlainMamba, EfficientVMamba and GroupMamba share: one
 * block parameterised by a {@link io.mambastream.backbones.scan.MultiScan} layout.
 *
 * <p>Abbreviations used in shapes: B batch, H and W token-grid rows and columns, L = H·W tokens, D
 * model width, E inner width, E' the width one path scans (E, or E / K for channel groups), K
 * paths, P parameter sets (K, or 1 when the paths share weights), N state size, R rank of the Δ
 * projection.
 */
package io.mambastream.backbones.mixer2d;
