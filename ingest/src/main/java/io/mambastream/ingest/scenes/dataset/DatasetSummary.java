package io.mambastream.ingest.scenes.dataset;

import java.nio.file.Path;

/**
 * What {@link SceneDatasetWriter} wrote.
 *
 * @param split train, val or test
 * @param directory the split folder
 * @param annotations the COCO file
 * @param clips clips written
 * @param frames frames written (PNG images, semantic masks and COCO images each)
 * @param objects visible objects written (COCO annotations and {@code gt.txt} rows each)
 * @param hiddenObjects listed objects not written because nearer items hid them completely
 * @param tracks tracks over all clips
 * @param firstSeed seed of the first clip
 * @param lastSeed seed of the last clip
 * @param items where the Fashion-MNIST items came from
 */
public record DatasetSummary(
    String split,
    Path directory,
    Path annotations,
    int clips,
    long frames,
    long objects,
    long hiddenObjects,
    long tracks,
    long firstSeed,
    long lastSeed,
    String items) {}
