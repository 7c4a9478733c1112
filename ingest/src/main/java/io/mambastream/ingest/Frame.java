package io.mambastream.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded frame of one stream.
 *
 * <p>Pixel layout: rows top to bottom, each row left to right, each pixel {@code format.channels()}
 * interleaved bytes in the format's order, no padding; so the byte of channel {@code ch} of pixel
 * (x, y) is at {@code (y·width + x)·channels + ch} and {@code pixels.length ==
 * width·height·channels}.
 *
 * @param streamId which stream the frame belongs to (the Kafka key)
 * @param sequence position in its stream, from 0
 * @param captureTimeMicros capture time in microseconds (since the epoch for live sources, since
 *     the stream start for files and synthetic scenes)
 * @param width columns
 * @param height rows
 * @param format channels per pixel and their order
 * @param pixels the pixel bytes; not copied, do not modify
 */
public record Frame(
    String streamId,
    long sequence,
    long captureTimeMicros,
    int width,
    int height,
    PixelFormat format,
    byte[] pixels) {

  /** Checks that the pixel bytes match the size and format. */
  public Frame {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(pixels, "pixels");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size " + width + "x" + height);
    }
    long expected = (long) width * height * format.channels();
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          pixels.length
              + " pixel bytes for a "
              + width
              + "x"
              + height
              + " "
              + format
              + " frame, expected "
              + expected);
    }
  }

  /**
   * The byte of channel {@code channel} of the pixel at column {@code x}, row {@code y}, 0..255.
   */
  public int sample(int x, int y, int channel) {
    return pixels[(y * width + x) * format.channels() + channel] & 0xff;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Frame that
        && sequence == that.sequence
        && captureTimeMicros == that.captureTimeMicros
        && width == that.width
        && height == that.height
        && streamId.equals(that.streamId)
        && format == that.format
        && Arrays.equals(pixels, that.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(streamId, sequence, captureTimeMicros, width, height, format)
        + 31 * Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "Frame["
        + streamId
        + " #"
        + sequence
        + " t="
        + captureTimeMicros
        + "us "
        + width
        + "x"
        + height
        + " "
        + format
        + "]";
  }
}
