/**
 * Scan paths as data: permutations of the H×W token grid (plus an optional class token) that turn
 * an image's tokens into the 1-D sequences a Mamba mixer scans, and multi-scans that merge them.
 *
 * <p>Abbreviations used in shapes: B batch, L tokens (H·W plus one for a class token), D channels,
 * G channel groups. "Layout order" is the order of the token tensor a backbone holds: grid cells
 * row-major with the class token, if any, inserted at {@link
 * io.mambastream.backbones.scan.TokenGrid#classIndex()}. Paths always run over that original
 * layout, so pruning can keep positions: a kept-mask in layout order is reordered per path.
 */
package io.mambastream.backbones.scan;
