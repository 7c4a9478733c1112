package io.mambastream.backbones.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Without a configured library the native API refuses with the reason, and nothing is loaded. */
class CudaLibraryTest {

  @Test
  void withoutConfigurationItSaysHowToGetTheLibrary() {
    assumeTrue(
        System.getProperty(CudaLibrary.PATH_PROPERTY) == null
            && System.getenv(CudaLibrary.PATH_ENV) == null,
        "a CUDA library is configured on this machine");
    assertThat(CudaLibrary.location()).isEmpty();
    assertThat(CudaLibrary.isAvailable()).isFalse();
    assertThat(CudaLibrary.unavailableReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains(CudaLibrary.PATH_PROPERTY, CudaLibrary.PATH_ENV)
                    .contains("gpu/build-native.sh"));
    assertThatThrownBy(() -> CudaLibrary.peakAllocatedBytes(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not available");
  }
}
