package io.mambastream.backbones.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Application;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooModel;
import io.mambastream.backbones.Backbone;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.train.ClassifierConfig;
import io.mambastream.backbones.train.FashionNormalization;
import io.mambastream.backbones.train.ModelArtifact;
import io.mambastream.backbones.train.ModelCard;
import io.mambastream.ingest.Frame;
import io.mambastream.ingest.PixelFormat;
import io.mambastream.ingest.fashion.FashionMnist;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelZooTest {

  private static final ClassifierConfig TINY =
      ClassifierConfig.preset("vim-tiny")
          .withEmbedDim(16)
          .withDepth(2)
          .withDState(4)
          .withPatchSize(7);

  /** Writes a randomly initialised tiny classifier as a model directory. */
  private static Path tinyModel(Path dir) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(5);
      Backbone model = TINY.build(new ChunkedScan());
      ModelArtifact.initialize(model, TINY, manager);
      ModelCard card =
          new ModelCard(
              "tiny",
              TINY,
              FashionMnist.CLASS_NAMES,
              FashionNormalization.MEAN,
              FashionNormalization.STD,
              Map.of(),
              Map.of());
      ModelArtifact.write(dir, card, model);
    }
    return dir;
  }

  /** Item 0 of the bundled sample as a gray frame. */
  private static Frame sampleFrame() {
    return new Frame(
        "s", 0, 0, 28, 28, PixelFormat.GRAY8, FashionMnist.bundledSample().image(0).clone());
  }

  private static void assertTenClassDistribution(Classifications result) {
    assertThat(result.getClassNames())
        .containsExactlyInAnyOrderElementsOf(FashionMnist.CLASS_NAMES);
    double sum = result.getProbabilities().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(sum).isCloseTo(1.0, offset(1e-5));
  }

  @Test
  void loadsAModelDirectoryByFileUrlWithFrameAndImageTranslators(@TempDir Path tmp)
      throws Exception {
    Path dir = tinyModel(tmp.resolve("tiny"));
    Criteria<Frame, Classifications> frames =
        Criteria.builder()
            .setTypes(Frame.class, Classifications.class)
            .optModelUrls(dir.toUri().toString())
            .optTranslatorFactory(new FashionTranslatorFactory())
            .build();
    Classifications fromFrame;
    try (ZooModel<Frame, Classifications> model = frames.loadModel();
        Predictor<Frame, Classifications> predictor = model.newPredictor()) {
      fromFrame = predictor.predict(sampleFrame());
      assertTenClassDistribution(fromFrame);
    }
    // The same pixels as an RGB image must give the same probabilities (gray = R = G = B).
    byte[] gray = sampleFrame().pixels();
    int[] argb = new int[gray.length];
    for (int i = 0; i < gray.length; i++) {
      int v = gray[i] & 0xff;
      argb[i] = 0xff000000 | v << 16 | v << 8 | v;
    }
    Image image = ImageFactory.getInstance().fromPixels(argb, 28, 28);
    Criteria<Image, Classifications> images =
        Criteria.builder()
            .setTypes(Image.class, Classifications.class)
            .optModelUrls(dir.toUri().toString())
            .optTranslatorFactory(new FashionTranslatorFactory())
            .build();
    try (ZooModel<Image, Classifications> model = images.loadModel();
        Predictor<Image, Classifications> predictor = model.newPredictor()) {
      Classifications fromImage = predictor.predict(image);
      assertTenClassDistribution(fromImage);
      assertThat(fromImage.best().getClassName()).isEqualTo(fromFrame.best().getClassName());
      assertThat(fromImage.best().getProbability())
          .isCloseTo(fromFrame.best().getProbability(), offset(1e-4));
    }
  }

  @Test
  void theShippedModelIsFoundByApplicationAndArtifactId() throws Exception {
    assertThat(ModelZoo.getModelZoo(MambaModelZoo.GROUP_ID)).isInstanceOf(MambaModelZoo.class);
    Criteria<Frame, Classifications> criteria =
        Criteria.builder()
            .optApplication(Application.CV.IMAGE_CLASSIFICATION)
            .setTypes(Frame.class, Classifications.class)
            .optGroupId(MambaModelZoo.GROUP_ID)
            .optArtifactId("vim-tiny-fashion")
            .build();
    FashionMnist sample = FashionMnist.bundledSample();
    List<Frame> frames = new ArrayList<>();
    List<String> truth = new ArrayList<>();
    for (int i = 0; i < sample.size(); i += 5) { // 20 items spread over the sample
      frames.add(new Frame("s", i, 0, 28, 28, PixelFormat.GRAY8, sample.image(i).clone()));
      truth.add(FashionMnist.CLASS_NAMES.get(sample.label(i)));
    }
    int correct = 0;
    try (ZooModel<Frame, Classifications> model = criteria.loadModel();
        Predictor<Frame, Classifications> predictor = model.newPredictor()) {
      List<Classifications> results = predictor.batchPredict(frames);
      for (int i = 0; i < results.size(); i++) {
        assertTenClassDistribution(results.get(i));
        if (results.get(i).best().getClassName().equals(truth.get(i))) {
          correct++;
        }
      }
    }
    // The count must agree with the card's recorded test accuracy p: at least 20p − 3σ correct,
    // σ = √(20p(1 − p)) (three binomial standard deviations).
    double p = ShippedModels.card("vim-tiny-fashion").metrics().get("test_accuracy");
    assertThat(correct)
        .isGreaterThanOrEqualTo((int) Math.floor(20 * p - 3 * Math.sqrt(20 * p * (1 - p))));
  }

  @Test
  void loadsTheShippedArchiveByJarUrl(@TempDir Path cache) throws Exception {
    // DJL extracts jar:// archives into its cache directory; keep this test's copy apart.
    String previous = System.getProperty("DJL_CACHE_DIR");
    System.setProperty("DJL_CACHE_DIR", cache.toString());
    try {
      Criteria<Frame, Classifications> criteria =
          Criteria.builder()
              .setTypes(Frame.class, Classifications.class)
              .optModelUrls(ShippedModels.jarUrl("vim-tiny-fashion"))
              .optTranslatorFactory(new FashionTranslatorFactory())
              .build();
      try (ZooModel<Frame, Classifications> model = criteria.loadModel();
          Predictor<Frame, Classifications> predictor = model.newPredictor()) {
        assertTenClassDistribution(predictor.predict(sampleFrame()));
      }
    } finally {
      if (previous == null) {
        System.clearProperty("DJL_CACHE_DIR");
      } else {
        System.setProperty("DJL_CACHE_DIR", previous);
      }
    }
  }
}
