package io.mambastream.heads.eval.fid;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.mambastream.backbones.zoo.Classifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FID features of the shipped classifier: the same picture gives the same features whichever way it
 * is stored, because every source goes through the classifier's one preprocessing path.
 */
class ClassifierFeaturesTest {

  @TempDir Path dir;

  @Test
  void grayAndRgbFilesAndIdxItemsGiveTheSameFeatures() throws Exception {
    int n = 8;
    List<ImageSet> sets = new ArrayList<>();
    sets.add(ImageSet.open("fashion-sample", n, dir));
    for (SamplePngs.Kind kind : SamplePngs.Kind.exact()) {
      sets.add(
          ImageSet.open(SamplePngs.write(dir.resolve(kind.name()), n, kind).toString(), 0, dir));
    }
    ImageSet upscaled =
        ImageSet.open(
            SamplePngs.write(dir.resolve("up"), n, SamplePngs.Kind.GRAY_2X).toString(), 0, dir);
    List<double[][]> features = new ArrayList<>();
    List<Integer> progress = new ArrayList<>();
    double[][] up;
    int width;
    try (Classifier classifier = Classifier.open("vim-tiny-fashion", Device.cpu())) {
      width = classifier.card().config().embedDim();
      for (ImageSet set : sets) {
        features.add(ClassifierFeatures.of(classifier, set, progress::add));
      }
      up = ClassifierFeatures.of(classifier, upscaled, progress::add);
    }
    assertThat(progress).containsOnly(n); // one batch each
    double[][] reference = features.get(0);
    assertThat(reference).hasNumberOfRows(n);
    assertThat(reference[0]).hasSize(width);
    // Gray and RGB (R = G = B) agree: the luminance weights 0.299 + 0.587 + 0.114 sum to 1.
    for (int k = 1; k < features.size(); k++) {
      double[][] other = features.get(k);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < reference[i].length; j++) {
          assertThat(Math.abs(other[i][j] - reference[i][j]))
              .as("%s, item %d, feature %d", sets.get(k).description(), i, j)
              .isLessThan(1e-5 * Math.max(1, Math.abs(reference[i][j])));
        }
      }
    }
    // A 56×56 copy is resized back to 28 (bilinear with antialiasing, so not bit-exact): its
    // features are nearest to those of its own original among all n items.
    for (int i = 0; i < n; i++) {
      int nearest = 0;
      for (int k = 1; k < n; k++) {
        if (distance(up[i], reference[k]) < distance(up[i], reference[nearest])) {
          nearest = k;
        }
      }
      assertThat(nearest).as("item %d", i).isEqualTo(i);
    }
  }

  private static double distance(double[] x, double[] y) {
    double sum = 0;
    for (int j = 0; j < x.length; j++) {
      sum += (x[j] - y[j]) * (x[j] - y[j]);
    }
    return sum;
  }
}
