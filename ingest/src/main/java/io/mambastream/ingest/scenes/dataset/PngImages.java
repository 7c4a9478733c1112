package io.mambastream.ingest.scenes.dataset;

import io.mambastream.ingest.Frame;
import io.mambastream.ingest.PixelFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes and reads the PNG files of a data set: RGB frames and 8-bit gray masks. */
public final class PngImages {
  private PngImages() {}

  /** Writes an RGB24 or GRAY8 frame as a PNG of the same size. */
  public static void writeFrame(Frame frame, Path file) throws IOException {
    byte[] pixels = frame.pixels();
    if (frame.format() == PixelFormat.GRAY8) {
      writeGray(pixels, frame.width(), frame.height(), file);
      return;
    }
    BufferedImage image =
        new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    boolean rgb = frame.format() == PixelFormat.RGB24;
    for (int i = 0; i < pixels.length; i += 3) {
      bgr[i] = pixels[rgb ? i + 2 : i];
      bgr[i + 1] = pixels[i + 1];
      bgr[i + 2] = pixels[rgb ? i : i + 2];
    }
    write(image, file);
  }

  /** Writes a row-major byte mask (e.g. class ids 0..10) as an 8-bit gray PNG. */
  public static void writeGray(byte[] values, int width, int height, Path file) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] gray = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(values, 0, gray, 0, values.length);
    write(image, file);
  }

  private static void write(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }

  /** Reads a PNG as row-major RGB bytes (3 per pixel). */
  public static byte[] readRgb(Path file) throws IOException {
    BufferedImage image = read(file);
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = image.getRGB(x, y);
        int i = 3 * (y * w + x);
        rgb[i] = (byte) (argb >> 16);
        rgb[i + 1] = (byte) (argb >> 8);
        rgb[i + 2] = (byte) argb;
      }
    }
    return rgb;
  }

  /** Reads an 8-bit gray PNG as row-major bytes, one per pixel. */
  public static byte[] readGray(Path file) throws IOException {
    BufferedImage image = read(file);
    if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      throw new IOException(file + " is not an 8-bit gray PNG");
    }
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData().clone();
  }

  private static BufferedImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException(file + " is not a readable image");
    }
    return image;
  }
}
