package io.mambastream.backbones.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Batch-level behaviour of {@link BatchMixer}: probabilities, seeds, λ statistics, checks. */
class BatchMixerTest {

  private static final int SIDE = 6;
  private static final int BATCH = 4;

  @Test
  void probabilityZeroLeavesTheBatchAlone() {
    BatchMixer mixer =
        BatchMixer.builder().optMixupAlpha(1).optCutmixAlpha(1).optMixProbability(0).build();
    float[] pixels = distinctPixels();
    int[] labels = {3, 1, 4, 1};

    MixedBatch mixed = mixer.mix(pixels, BATCH, SIDE, labels, new SplittableRandom(5));

    assertThat(pixels).containsExactly(distinctPixels());
    assertThat(mixed.lambda()).isEqualTo(1.0);
    assertThat(mixed.labels()).containsExactly(3, 1, 4, 1);
    assertThat(mixed.partnerLabels()).containsExactly(3, 1, 4, 1);
  }

  @Test
  void probabilityOneHalfMixesAboutHalfTheBatches() {
    BatchMixer mixer = BatchMixer.builder().optMixupAlpha(1).optMixProbability(0.5).build();
    SplittableRandom random = new SplittableRandom(11);
    int mixedCount = 0;
    int n = 2000;
    for (int i = 0; i < n; i++) {
      if (mixer.mix(distinctPixels(), BATCH, SIDE, new int[BATCH], random).lambda() < 1) {
        mixedCount++;
      }
    }
    // Binomial(2000, 1/2): standard deviation about 22, so ±100 is over 4 sigma.
    assertThat(mixedCount).isBetween(n / 2 - 100, n / 2 + 100);
  }

  @Test
  void switchProbabilityPicksCutmixOverMixup() {
    assertThat(cutmixShare(0.0)).isZero();
    assertThat(cutmixShare(1.0)).isEqualTo(1.0);
    // 1000 batches at 1/2: standard deviation about 0.016, so ±0.07 is over 4 sigma.
    assertThat(cutmixShare(0.5)).isCloseTo(0.5, within(0.07));
  }

  /** Share of 1000 mixed batches whose pixels are all either unchanged or the partner's. */
  private static double cutmixShare(double switchProbability) {
    BatchMixer mixer =
        BatchMixer.builder()
            .optMixupAlpha(1)
            .optCutmixAlpha(1)
            .optSwitchProbability(switchProbability)
            .build();
    SplittableRandom random = new SplittableRandom(23);
    int cutmix = 0;
    int n = 1000;
    for (int i = 0; i < n; i++) {
      float[] original = distinctPixels();
      float[] pixels = original.clone();
      mixer.mix(pixels, BATCH, SIDE, new int[BATCH], random);
      // Mixup moves every pixel strictly between two distinct values (λ in (0, 1) almost
      // surely); CutMix only copies values, so each pixel stays its own or becomes its partner's.
      boolean copiesOnly = true;
      for (int p = 0; p < pixels.length; p++) {
        int b = p / (SIDE * SIDE);
        float partner = original[(BATCH - 1 - b) * SIDE * SIDE + p % (SIDE * SIDE)];
        copiesOnly &= pixels[p] == original[p] || pixels[p] == partner;
      }
      cutmix += copiesOnly ? 1 : 0;
    }
    return cutmix / (double) n;
  }

  @Test
  void sameSeedGivesTheSameBatchAndDifferentSeedsDifferentLambdas() {
    BatchMixer mixer = BatchMixer.builder().optMixupAlpha(0.8).optCutmixAlpha(1).build();
    int[] labels = {0, 1, 2, 3};
    SplittableRandom first = new SplittableRandom(42);
    SplittableRandom second = new SplittableRandom(42);
    for (int step = 0; step < 20; step++) {
      float[] a = distinctPixels();
      float[] b = distinctPixels();
      MixedBatch mixedA = mixer.mix(a, BATCH, SIDE, labels, first);
      MixedBatch mixedB = mixer.mix(b, BATCH, SIDE, labels, second);
      assertThat(b).containsExactly(a);
      assertThat(mixedB.lambda()).isEqualTo(mixedA.lambda());
      assertThat(mixedB.partnerLabels()).containsExactly(mixedA.partnerLabels());
    }
    // Both generators consumed the same draws, so a resumed run continues identically.
    assertThat(second.nextLong()).isEqualTo(first.nextLong());

    double one = mixer.mix(distinctPixels(), BATCH, SIDE, labels, new SplittableRandom(1)).lambda();
    double two = mixer.mix(distinctPixels(), BATCH, SIDE, labels, new SplittableRandom(2)).lambda();
    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void mixupLambdaWithAlphaOneIsUniform() {
    double[] lambdas = mixupLambdas(1.0, 20_000, 7);
    // Beta(1, 1) is uniform on [0, 1]: mean 1/2 (standard error √(1/12/20000) ≈ 0.002, tolerance
    // 0.01) and variance 1/12 (standard error √((1/80 − 1/144)/20000) ≈ 0.0005, tolerance 0.003).
    assertThat(mean(lambdas)).isCloseTo(0.5, within(0.01));
    assertThat(variance(lambdas)).isCloseTo(1.0 / 12, within(0.003));
    assertThat(shareNearEnds(lambdas)).isCloseTo(0.2, within(0.02));
  }

  @Test
  void mixupLambdaWithSmallAlphaPilesUpNearZeroAndOne() {
    double[] lambdas = mixupLambdas(0.2, 20_000, 13);
    // Beta(0.2, 0.2): mean 1/2 (standard error √(0.179/20000) ≈ 0.003, tolerance 0.015),
    // variance 1/(4(2α+1)) = 0.179, and P(λ < 0.1 or λ > 0.9) = 0.673 by numerical integration
    // of the density (0.2 for the uniform), so most draws sit near the ends.
    assertThat(mean(lambdas)).isCloseTo(0.5, within(0.015));
    assertThat(variance(lambdas)).isCloseTo(1 / (4 * 1.4), within(0.005));
    assertThat(shareNearEnds(lambdas)).isCloseTo(0.673, within(0.02));
    assertThat(Arrays.stream(lambdas).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    assertThat(Arrays.stream(lambdas).max().orElseThrow()).isLessThanOrEqualTo(1.0);
  }

  @Test
  void oddBatchPairsTheMiddleItemWithItself() {
    BatchMixer mixer = BatchMixer.builder().optMixupAlpha(1).build();
    float[] pixels = {1f, 2f, 3f};
    int[] labels = {7, 8, 9};

    MixedBatch mixed = mixer.mix(pixels, 3, 1, labels, new SplittableRandom(3));

    assertThat(mixed.partnerLabels()).containsExactly(9, 8, 7);
    assertThat(pixels[1]).isEqualTo(2f); // λ·2 + (1−λ)·2
    assertThat((double) pixels[0] + pixels[2]).isCloseTo(4.0, within(1e-6)); // the pair's sum
  }

  @Test
  void badParametersAreRejectedByName() {
    assertThatThrownBy(() -> BatchMixer.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixupAlpha and cutmixAlpha are both 0");
    assertThatThrownBy(() -> BatchMixer.builder().optMixupAlpha(-0.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixupAlpha")
        .hasMessageContaining("-0.5");
    assertThatThrownBy(
            () -> BatchMixer.builder().optMixupAlpha(1).optCutmixAlpha(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cutmixAlpha");
    assertThatThrownBy(() -> BatchMixer.builder().optCutmixAlpha(1).optMixProbability(1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixProbability must be in [0, 1]: 1.5");
    assertThatThrownBy(
            () -> BatchMixer.builder().optCutmixAlpha(1).optSwitchProbability(-0.1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("switchProbability must be in [0, 1]: -0.1");
    BatchMixer mixer = BatchMixer.builder().optCutmixAlpha(1).build();
    assertThatThrownBy(() -> mixer.mix(new float[35], 1, SIDE, new int[1], new SplittableRandom(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize·side·side");
    assertThatThrownBy(() -> mixer.mix(new float[72], 2, SIDE, new int[3], new SplittableRandom(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels must hold batchSize values: 3 for 2");
  }

  /** λ of {@code n} Mixup batches of two one-pixel images. */
  private static double[] mixupLambdas(double alpha, int n, long seed) {
    BatchMixer mixer = BatchMixer.builder().optMixupAlpha(alpha).build();
    SplittableRandom random = new SplittableRandom(seed);
    double[] lambdas = new double[n];
    for (int i = 0; i < n; i++) {
      lambdas[i] = mixer.mix(new float[] {0f, 1f}, 2, 1, new int[] {0, 1}, random).lambda();
    }
    return lambdas;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double variance(double[] values) {
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum / (values.length - 1);
  }

  private static double shareNearEnds(double[] values) {
    long count = Arrays.stream(values).filter(v -> v < 0.1 || v > 0.9).count();
    return count / (double) values.length;
  }

  /** A batch whose pixels are all distinct: value i at index i. */
  private static float[] distinctPixels() {
    float[] pixels = new float[BATCH * SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i;
    }
    return pixels;
  }
}
