package io.mambastream.heads.eval.miou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading label PNGs and pairing folders, on real files. */
class MiouEvaluatorTest {

  @TempDir Path dir;

  /** Writes an 8-bit grayscale PNG of {@code w}×{@code h} raw values. */
  static void writeGray(Path file, int w, int h, int... values) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setPixels(0, 0, w, h, values);
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  @Test
  void readsGrayscaleValuesRaw() throws IOException {
    writeGray(dir.resolve("a.png"), 3, 1, 0, 7, 255);
    LabelMap map = LabelPng.read(dir.resolve("a.png"));
    assertThat(map.width()).isEqualTo(3);
    assertThat(map.labels()).containsExactly(0, 7, 255);
  }

  @Test
  void readsSixteenBitValuesRaw() throws IOException {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    image.getRaster().setPixels(0, 0, 2, 1, new int[] {300, 65535});
    ImageIO.write(image, "png", dir.resolve("wide.png").toFile());
    assertThat(LabelPng.read(dir.resolve("wide.png")).labels()).containsExactly(300, 65535);
  }

  @Test
  void readsPaletteIndicesNotColours() throws IOException {
    // Palette entry i is the colour (200 - i, 10 * i, 3): the file stores indices 2, 0, 1.
    byte[] r = {(byte) 200, (byte) 199, (byte) 198};
    byte[] g = {0, 10, 20};
    byte[] b = {3, 3, 3};
    IndexColorModel palette = new IndexColorModel(8, 3, r, g, b);
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
    image.getRaster().setPixels(0, 0, 3, 1, new int[] {2, 0, 1});
    ImageIO.write(image, "png", dir.resolve("p.png").toFile());
    assertThat(LabelPng.read(dir.resolve("p.png")).labels()).containsExactly(2, 0, 1);
  }

  @Test
  void rejectsColourImages() throws IOException {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(image, "png", dir.resolve("rgb.png").toFile());
    assertThatThrownBy(() -> LabelPng.read(dir.resolve("rgb.png")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("3 bands");
  }

  @Test
  void evaluatesTheHandCaseFromFolders() throws IOException {
    // The two 2×2 images of SegmentationAreasTest: mIoU (1/2 + 2/3 + 1/2) / 3, aAcc 5/7.
    writeGray(dir.resolve("gt/1.png"), 2, 2, 0, 0, 1, 255);
    writeGray(dir.resolve("pred/1.png"), 2, 2, 0, 1, 1, 2);
    writeGray(dir.resolve("gt/2.png"), 2, 2, 2, 2, 1, 0);
    writeGray(dir.resolve("pred/2.png"), 2, 2, 2, 0, 1, 0);
    MiouResult r = new MiouEvaluator(3, 255).evaluate(dir.resolve("gt"), dir.resolve("pred"));
    assertThat(r.images()).isEqualTo(2);
    assertThat(r.meanIou()).isCloseTo((0.5 + 2.0 / 3 + 0.5) / 3, within(1e-15));
    assertThat(r.allAcc()).isCloseTo(5.0 / 7, within(1e-15));
  }

  @Test
  void listsUnpairedAndMismatchedFiles() throws IOException {
    writeGray(dir.resolve("gt/a.png"), 2, 2, 0, 0, 0, 0);
    writeGray(dir.resolve("gt/b.png"), 2, 2, 0, 0, 0, 0);
    writeGray(dir.resolve("pred/a.png"), 2, 2, 0, 0, 0, 0);
    writeGray(dir.resolve("pred/c.png"), 2, 2, 0, 0, 0, 0);
    MiouEvaluator evaluator = new MiouEvaluator(2, 255);
    assertThatThrownBy(() -> evaluator.evaluate(dir.resolve("gt"), dir.resolve("pred")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("b.png (no prediction)")
        .hasMessageContaining("c.png (no ground truth)");
    Files.delete(dir.resolve("gt/b.png"));
    Files.delete(dir.resolve("pred/c.png"));
    writeGray(dir.resolve("pred/a.png"), 1, 2, 0, 0);
    assertThatThrownBy(() -> evaluator.evaluate(dir.resolve("gt"), dir.resolve("pred")))
        .hasMessageContaining("a.png (ground truth 2×2, prediction 1×2)");
    assertThatThrownBy(() -> evaluator.evaluate(dir.resolve("nope"), dir.resolve("pred")))
        .hasMessageContaining("does not exist");
  }
}
