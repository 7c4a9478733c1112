/**
 * A VMamba-style hierarchical backbone: stride-4 patch embedding, four stages of SS2D blocks joined
 * by patch merging, feature maps at strides 4, 8, 16 and 32.
 *
 * <p>Abbreviations used in shapes: B batch, C channels of a stage, H and W image or grid height and
 * width, L = H·W tokens of a stage.
 */
package io.mambastream.backbones.vmamba;
