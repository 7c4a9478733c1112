package io.mambastream.backbones.mamba;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The depthwise conv1d + SiLU of a Mamba direction on flat float arrays, for the inference path of
 * {@link MambaMixer} on the fused scan: reads x straight out of in_proj's (B, L, 2E) output and
 * writes both layouts the next steps need, with no tensor op and no flip. Vectorised over the
 * channels E (one position's channels are contiguous in the input).
 *
 * <p>Causal: output t sees inputs t − K + 1 .. t with weight index k at input t − K + 1 + k, as
 * {@link CausalConv1d}. Anti-causal: the causal convolution of the flipped sequence, flipped back,
 * so output t sees inputs t .. t + K − 1 with weight index k at input t + K − 1 − k (the Vim
 * backward branch in the original position order).
 */
final class ConvSilu {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private ConvSilu() {}

  /**
   * Convolves and applies SiLU.
   *
   * @param xz in_proj output, (B, L, stride); x is its first E columns
   * @param batch B
   * @param length L
   * @param stride the row width of {@code xz} (2E)
   * @param weight one kernel per channel, (E, 1, K)
   * @param bias one bias per channel, (E)
   * @param anticausal whether to convolve the flipped sequence (see the class comment)
   * @param channelMajor receives silu(conv(x)), (B, E, L)
   * @param positionMajor receives the same values, (B, L, E)
   */
  static void apply(
      float[] xz,
      int batch,
      int length,
      int stride,
      float[] weight,
      float[] bias,
      boolean anticausal,
      float[] channelMajor,
      float[] positionMajor) {
    int channels = bias.length;
    int kernel = weight.length / channels;
    float[] taps = new float[kernel * channels]; // (K, E): one tap's weights contiguous
    for (int e = 0; e < channels; e++) {
      for (int k = 0; k < kernel; k++) {
        taps[k * channels + e] = weight[e * kernel + k];
      }
    }
    int bound = SPECIES.loopBound(channels);
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < length; t++) {
        int out = (b * length + t) * channels;
        // Taps whose input lies inside the sequence: k in [first, last).
        int first = anticausal ? Math.max(0, t + kernel - length) : Math.max(0, kernel - 1 - t);
        int e = 0;
        for (; e < bound; e += SPECIES.length()) {
          FloatVector sum = FloatVector.fromArray(SPECIES, bias, e);
          for (int k = first; k < kernel; k++) {
            int source = anticausal ? t + kernel - 1 - k : t - kernel + 1 + k;
            FloatVector x = FloatVector.fromArray(SPECIES, xz, (b * length + source) * stride + e);
            sum = FloatVector.fromArray(SPECIES, taps, k * channels + e).fma(x, sum);
          }
          sum.intoArray(positionMajor, out + e);
        }
        for (; e < channels; e++) {
          float sum = bias[e];
          for (int k = first; k < kernel; k++) {
            int source = anticausal ? t + kernel - 1 - k : t - kernel + 1 + k;
            sum += taps[k * channels + e] * xz[(b * length + source) * stride + e];
          }
          positionMajor[out + e] = sum;
        }
      }
    }
    silu(positionMajor);
    for (int b = 0; b < batch; b++) {
      Transpose.block(
          positionMajor,
          b * length * channels,
          channels,
          length,
          channels,
          channelMajor,
          b * channels * length);
    }
  }

  /** v ← v·sigmoid(v) = v / (1 + e^−v), in place. */
  private static void silu(float[] values) {
    int bound = SPECIES.loopBound(values.length);
    int i = 0;
    for (; i < bound; i += SPECIES.length()) {
      FloatVector v = FloatVector.fromArray(SPECIES, values, i);
      v.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(values, i);
    }
    for (; i < values.length; i++) {
      values[i] = (float) (values[i] / (1.0 + Math.exp(-(double) values[i])));
    }
  }
}
