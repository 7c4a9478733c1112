package io.mambastream.backbones.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.mambastream.backbones.checkpoint.Checkpoints;
import io.mambastream.backbones.checkpoint.StateDict;
import io.mambastream.backbones.train.ModelArtifact;
import io.mambastream.ingest.fashion.FashionMnist;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Classifier#features} of the shipped model: the head's input, batch-independent. */
class PenultimateFeaturesTest {

  private static final String MODEL = "vim-tiny-fashion";
  private static Classifier classifier;

  @BeforeAll
  static void open() throws Exception {
    classifier = Classifier.open(MODEL, Device.cpu());
  }

  @AfterAll
  static void close() {
    classifier.close();
  }

  /** Items {@code from..to-1} of the bundled sample as gray images. */
  private static List<Image> sampleImages(int from, int to) {
    FashionMnist sample = FashionMnist.bundledSample();
    List<Image> images = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int[] argb = new int[FashionMnist.PIXELS];
      byte[] pixels = sample.image(i);
      for (int p = 0; p < argb.length; p++) {
        int v = pixels[p] & 0xff;
        argb[p] = 0xff000000 | v << 16 | v << 8 | v;
      }
      images.add(ImageFactory.getInstance().fromPixels(argb, FashionMnist.SIDE, FashionMnist.SIDE));
    }
    return images;
  }

  @Test
  void theHeadAppliedToTheFeaturesGivesTheLogits(@TempDir Path dir) throws Exception {
    // logits = W·f + b with the head's weights read from the shipped file: the features are
    // exactly what the head sees, whatever the forward pass does before it.
    List<Image> images = sampleImages(0, 6);
    float[][] features = classifier.features(images);
    ShippedModels.extract(MODEL, dir, ModelArtifact.WEIGHTS);
    StateDict weights = Checkpoints.read(dir.resolve(ModelArtifact.WEIGHTS));
    float[] w = weights.get("head.weight").toFloatArray(); // (10, D) row-major
    float[] b = weights.get("head.bias").toFloatArray();
    float[][] logits;
    FashionPreprocessing preprocessing = new FashionPreprocessing(classifier.card());
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDList inputs = new NDList();
      for (Image image : images) {
        inputs.add(preprocessing.apply(image.toNDArray(manager, Image.Flag.COLOR)));
      }
      NDArray batch = NDArrays.stack(inputs); // (6, 1, 28, 28)
      logits = classifier.logits(batch);
    }
    assertThat(features).hasNumberOfRows(6);
    int d = features[0].length;
    assertThat(d).isEqualTo(classifier.card().config().embedDim());
    assertThat(w).hasSize(10 * d);
    for (int n = 0; n < images.size(); n++) {
      for (int k = 0; k < b.length; k++) {
        double z = b[k];
        for (int j = 0; j < d; j++) {
          z += (double) w[k * d + j] * features[n][j];
        }
        assertThat(Math.abs(logits[n][k] - z)).isLessThan(1e-4 * Math.max(1, Math.abs(z)));
      }
    }
  }

  @Test
  void featuresDoNotDependOnTheBatch() {
    float[][] together = classifier.features(sampleImages(10, 13));
    for (int i = 0; i < 3; i++) {
      float[] alone = classifier.features(sampleImages(10 + i, 11 + i))[0];
      for (int j = 0; j < alone.length; j++) {
        assertThat(Math.abs(together[i][j] - alone[j]))
            .isLessThan(1e-5f * Math.max(1, Math.abs(alone[j])));
      }
    }
  }

  @Test
  void opensAModelDirectoryByFileUrl(@TempDir Path dir) throws Exception {
    ShippedModels.extract(MODEL, dir, null);
    try (Classifier fromUrl = Classifier.open(dir.toUri().toString(), Device.cpu())) {
      assertThat(fromUrl.card().name()).isEqualTo(MODEL);
      float[] expected = classifier.features(sampleImages(0, 1))[0];
      // same weights; the first call of a process may differ in the last bit
      assertThat(fromUrl.features(sampleImages(0, 1))[0]).containsExactly(expected, within(1e-5f));
    }
    assertThatThrownBy(() -> Classifier.open(dir.resolve("none").toUri().toString(), Device.cpu()))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("not a model directory");
  }

  @Test
  void namesItsLayerAndRefusesNoImages() {
    assertThat(classifier.featureLayer())
        .contains("penultimate")
        .contains("norm_f")
        .contains("sequence index 24") // the middle of 7×7 = 49 patch tokens
        .contains("D = " + classifier.card().config().embedDim());
    assertThatThrownBy(() -> classifier.features(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
