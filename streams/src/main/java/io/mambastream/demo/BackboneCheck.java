package io.mambastream.demo;

/**
 * What the demo measured of the Vision Mamba backbone on its frames: the same untrained model run
 * once with the fused CPU scan on the CPU and once with a second scan on the demo's device (the
 * differentiable chunked scan on the CPU; on a GPU what {@code ScanChoice} picks there, our CUDA
 * operator when it is built), the same weights on both.
 *
 * @param model the backbone and its size
 * @param featureShape the shape of one frame's stride-16 feature map, (D, H/16, W/16)
 * @param frames frames measured
 * @param device where the second scan ran ("cpu()", "gpu(0)")
 * @param scan the id of the second scan ("chunked", "cuda")
 * @param fusedMsPerFrame median wall time per frame with the fused scan
 * @param scanMsPerFrame median wall time per frame with the second scan on {@code device}, features
 *     read back to the host
 * @param maxRelativeDifference max |fused − second| / max |second| over all feature maps
 */
public record BackboneCheck(
    String model,
    long[] featureShape,
    int frames,
    String device,
    String scan,
    double fusedMsPerFrame,
    double scanMsPerFrame,
    double maxRelativeDifference) {}
