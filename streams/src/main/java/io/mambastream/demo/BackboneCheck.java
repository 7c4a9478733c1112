package io.mambastream.demo;

/**
 * What the demo measured of the Vision Mamba backbone on its frames: the same untrained model run
 * once with the fused CPU scan on the CPU and once with the differentiable chunked scan on the
 * demo's device (the CPU or a GPU), the same weights on both.
 *
 * @param model the backbone and its size
 * @param featureShape the shape of one frame's stride-16 feature map, (D, H/16, W/16)
 * @param frames frames measured
 * @param device where the chunked scan ran ("cpu()", "gpu(0)")
 * @param fusedMsPerFrame median wall time per frame with the fused scan
 * @param chunkedMsPerFrame median wall time per frame with the chunked scan on {@code device},
 *     features read back to the host
 * @param maxRelativeDifference max |fused − chunked| / max |chunked| over all feature maps
 */
public record BackboneCheck(
    String model,
    long[] featureShape,
    int frames,
    String device,
    double fusedMsPerFrame,
    double chunkedMsPerFrame,
    double maxRelativeDifference) {}
