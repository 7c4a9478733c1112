package io.mambastream.ingest.scenes.dataset;

import io.mambastream.ingest.fashion.FashionMnist;
import io.mambastream.ingest.scenes.ObjectTruth;
import io.mambastream.ingest.scenes.SceneFrame;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A picture of one frame's ground truth for people: the frame enlarged {@code zoom} times with
 * every visible object's box and a "track id: class name (visibility %)" label.
 */
public final class PreviewImage {
  private PreviewImage() {}

  /** Draws the frame and its visible boxes, each pixel as a {@code zoom}×{@code zoom} block. */
  public static BufferedImage render(SceneFrame frame, int zoom) {
    int w = frame.image().width();
    int h = frame.image().height();
    BufferedImage image = new BufferedImage(w * zoom, h * zoom, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h * zoom; y++) {
      for (int x = 0; x < w * zoom; x++) {
        int sx = x / zoom;
        int sy = y / zoom;
        int rgb =
            frame.image().sample(sx, sy, 0) << 16
                | frame.image().sample(sx, sy, 1) << 8
                | frame.image().sample(sx, sy, 2);
        image.setRGB(x, y, rgb);
      }
    }
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 6 * zoom));
    for (ObjectTruth o : frame.objects()) {
      if (!o.isVisible()) {
        continue;
      }
      int x = o.box().x() * zoom;
      int y = o.box().y() * zoom;
      int bw = o.box().w() * zoom;
      int bh = o.box().h() * zoom;
      g.setStroke(new BasicStroke(3));
      g.setColor(Color.BLACK);
      g.drawRect(x, y, bw - 1, bh - 1);
      g.setStroke(new BasicStroke(1));
      g.setColor(Color.WHITE);
      g.drawRect(x, y, bw - 1, bh - 1);
      String label =
          String.format(
              "%d: %s (%.0f%%)",
              o.trackId(), FashionMnist.CLASS_NAMES.get(o.category() - 1), 100 * o.visibility());
      int textWidth = g.getFontMetrics().stringWidth(label);
      int textHeight = g.getFontMetrics().getHeight();
      int ty = Math.max(y, textHeight);
      int tx = Math.max(0, Math.min(x, image.getWidth() - textWidth - 4));
      g.setColor(new Color(0, 0, 0, 170));
      g.fillRect(tx, ty - textHeight, textWidth + 4, textHeight);
      g.setColor(Color.WHITE);
      g.drawString(label, tx + 2, ty - g.getFontMetrics().getDescent());
    }
    g.dispose();
    return image;
  }

  /** Renders and writes the preview as a PNG. */
  public static void write(SceneFrame frame, int zoom, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!ImageIO.write(render(frame, zoom), "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }
}
