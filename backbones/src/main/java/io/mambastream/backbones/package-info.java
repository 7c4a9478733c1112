/**
 * Contracts shared by every backbone: the {@link io.mambastream.backbones.Backbone} interface, its
 * {@link io.mambastream.backbones.FeatureMaps} output, patch embedding and state-dict naming.
 *
 * <p>Abbreviations used in shapes: B batch, C image channels, H and W image height and width, M
 * patch tokens, L sequence length (M plus class tokens), D model width.
 */
package io.mambastream.backbones;
