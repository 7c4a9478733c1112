package io.mambastream.heads.eval.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mambastream.ingest.fashion.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image sources of {@code eval fid}: folder listing, limits and errors naming the file. */
class ImageSetTest {

  @TempDir Path dir;

  @Test
  void aFolderListsItsPngAndJpegFilesByName() throws IOException {
    Path folder = SamplePngs.write(dir.resolve("f"), 3, SamplePngs.Kind.GRAY);
    BufferedImage gray = new BufferedImage(20, 31, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(3, 4, 0, 200);
    Files.delete(folder.resolve("001.png"));
    ImageIO.write(gray, "jpg", folder.resolve("001.JPG").toFile()); // a real JPEG, any case
    Files.writeString(folder.resolve("notes.txt"), "not an image");
    Files.createDirectory(folder.resolve("sub.png")); // a folder, not a file
    ImageSet all = ImageSet.open(folder.toString(), 0, dir);
    assertThat(((ImageFolder) all).files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("000.png", "001.JPG", "002.png");
    assertThat(all.description()).endsWith("(3 images)");
    assertThat(ImageSet.open(folder.toString(), 2, dir).size()).isEqualTo(2);
    assertThat(all.load(0, 3))
        .extracting(i -> i.getWidth() + "x" + i.getHeight())
        .containsExactly("28x28", "20x31", "28x28");
  }

  @Test
  void fashionSourcesGiveTheirFirstItems() throws IOException {
    assertThat(ImageSet.open("fashion-sample", 0, dir).size()).isEqualTo(100);
    ImageSet first = ImageSet.open("fashion-sample", 7, dir);
    assertThat(first.size()).isEqualTo(7);
    assertThat(first.description()).contains("fashion-sample").contains("first 7 images");
    assertThat(first.load(2, 4)).hasSize(2);
    // fashion-test reads the idx files from the given folder, which lacks them here
    assertThatThrownBy(() -> ImageSet.open("fashion-test", 0, dir))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("t10k-images");
    assertThat(FashionMnist.INSTALLED_DIR.toString()).contains("fashion-mnist");
  }

  @Test
  void emptyMissingOrCorruptInputsAreNamed() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Files.writeString(empty.resolve("readme.md"), "no images here");
    assertThatThrownBy(() -> ImageSet.open(empty.toString(), 0, dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("empty holds no .png, .jpg or .jpeg image");
    assertThatThrownBy(() -> ImageSet.open(dir.resolve("nope").toString(), 0, dir))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope");
    Path folder = SamplePngs.write(dir.resolve("c"), 2, SamplePngs.Kind.GRAY);
    Files.write(folder.resolve("001.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    ImageSet corrupt = ImageSet.open(folder.toString(), 0, dir);
    assertThat(corrupt.load(0, 1)).hasSize(1);
    assertThatThrownBy(() -> corrupt.load(0, 2))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("001.png: not a readable PNG or JPEG image");
    assertThatThrownBy(() -> ImageSet.open(folder.toString(), -1, dir))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
