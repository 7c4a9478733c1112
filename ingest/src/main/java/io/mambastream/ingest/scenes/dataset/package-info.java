/**
 * MovingFashion data sets on disk: PNG frames, semantic PNG masks, COCO JSON with RLE masks and
 * track ids, and MOTChallenge {@code gt.txt} per clip; writers and the readers that round-trip
 * them. The folder layout is described in {@link
 * io.mambastream.ingest.scenes.dataset.SceneDatasetWriter} and {@code docs/DATA.md}.
 */
package io.mambastream.ingest.scenes.dataset;
