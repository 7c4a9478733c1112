/**
 * Multi-object tracking evaluation on MOTChallenge text files: py-motmetrics' CLEAR and identity
 * metrics and TrackEval's HOTA family, reproduced step by step.
 */
package io.mambastream.heads.eval.mot;
