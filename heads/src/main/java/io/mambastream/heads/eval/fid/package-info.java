/**
 * Fréchet distance between two sets of feature vectors (FID when the features come from an image
 * classifier), computed exactly in double precision with a symmetric eigen-solver.
 */
package io.mambastream.heads.eval.fid;
