package io.mambastream.ingest;

/** How the pixel bytes of a {@link Frame} are laid out: channels per pixel and their order. */
public enum PixelFormat {
  /** One byte per pixel, 0 black to 255 white. */
  GRAY8(1),
  /** Three bytes per pixel: red, green, blue. */
  RGB24(3),
  /** Three bytes per pixel: blue, green, red (OpenCV's order). */
  BGR24(3);

  private final int channels;

  PixelFormat(int channels) {
    this.channels = channels;
  }

  /** Bytes per pixel. */
  public int channels() {
    return channels;
  }
}
