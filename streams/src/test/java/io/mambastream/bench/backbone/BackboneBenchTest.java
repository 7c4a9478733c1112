package io.mambastream.bench.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.EngineException;
import org.junit.jupiter.api.Test;

class BackboneBenchTest {

  @Test
  void anOutOfMemoryFailureKeepsItsFirstLineAndIsMarked() {
    // The shape of libtorch's message: a first line with the request, then allocator details.
    EngineException oom =
        new EngineException(
            "CUDA out of memory. Tried to allocate 28.27 GiB. GPU 0 has a total capacity of 79.19"
                + " GiB\nException raised from malloc at c10/cuda/CUDACachingAllocator.cpp");

    assertThat(BackboneBench.engineError(oom))
        .isEqualTo(
            "out of memory: CUDA out of memory. Tried to allocate 28.27 GiB. GPU 0 has a total"
                + " capacity of 79.19 GiB");
  }

  @Test
  void otherEngineFailuresAreNamedAsSuch() {
    assertThat(BackboneBench.engineError(new EngineException("shape mismatch\nat ...")))
        .isEqualTo("engine error: shape mismatch");
  }
}
