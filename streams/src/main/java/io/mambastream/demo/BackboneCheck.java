package io.mambastream.demo;

/**
 * What the demo measured of the Vision Mamba backbone on its frames: the same untrained model run
 * once with the fused CPU scan and once with the differentiable chunked scan.
 *
 * @param model the backbone and its size
 * @param featureShape the shape of one frame's stride-16 feature map, (D, H/16, W/16)
 * @param frames frames measured
 * @param fusedMsPerFrame median wall time per frame with the fused scan
 * @param chunkedMsPerFrame median wall time per frame with the chunked scan
 * @param maxRelativeDifference max |fused − chunked| / max |chunked| over all feature maps
 */
public record BackboneCheck(
    String model,
    long[] featureShape,
    int frames,
    double fusedMsPerFrame,
    double chunkedMsPerFrame,
    double maxRelativeDifference) {}
