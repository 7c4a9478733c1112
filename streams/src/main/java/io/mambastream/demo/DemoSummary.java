package io.mambastream.demo;

import io.mambastream.ingest.scenes.dataset.DatasetSummary;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a demo run did and wrote.
 *
 * @param scenes the rendered clip and its ground truth on disk
 * @param objectsPerClass visible objects per Fashion-MNIST class name over all frames
 * @param annotated the folder of annotated frames (boxes, track ids, class names)
 * @param preview the first annotated frame, the one picture to look at
 * @param classification the shipped classifier on the clip's objects
 * @param backbone the backbone measurement, absent when no frame went through it
 * @param seconds wall time of the whole run
 */
public record DemoSummary(
    DatasetSummary scenes,
    Map<String, Long> objectsPerClass,
    Path annotated,
    Path preview,
    ItemClassification classification,
    BackboneCheck backbone,
    double seconds) {}
