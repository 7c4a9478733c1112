package io.mambastream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameTest {

  @Test
  void samplesInterleavedRowMajorPixels() {
    // 2 columns x 2 rows RGB: pixel (x=1, y=1) starts at (1·2 + 1)·3 = 9.
    byte[] pixels = new byte[12];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 20);
    }
    Frame frame = new Frame("cam", 3, 1_000, 2, 2, PixelFormat.RGB24, pixels);
    assertThat(frame.sample(1, 1, 0)).isEqualTo(180);
    assertThat(frame.sample(1, 1, 2)).isEqualTo(220);
    assertThat(frame.sample(0, 1, 1)).isEqualTo(140);
    assertThat(frame)
        .isEqualTo(new Frame("cam", 3, 1_000, 2, 2, PixelFormat.RGB24, pixels.clone()));
  }

  @Test
  void rejectsPixelCountThatDoesNotMatch() {
    assertThatThrownBy(() -> new Frame("cam", 0, 0, 2, 2, PixelFormat.RGB24, new byte[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 12");
    assertThatThrownBy(() -> new Frame("cam", 0, 0, 0, 2, PixelFormat.GRAY8, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
