package io.mambastream.backbones.train;

/** A mixed batch's labels (B), its partners' labels (B) and λ, the weight of {@code labels}. */
public record MixedBatch(int[] labels, int[] partnerLabels, double lambda) {

  /** Checks that the label vectors have one length and {@code lambda} lies in [0, 1]. */
  public MixedBatch {
    if (labels.length != partnerLabels.length) {
      throw new IllegalArgumentException(
          "labels and partnerLabels differ in length: "
              + labels.length
              + " vs "
              + partnerLabels.length);
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1]: " + lambda);
    }
  }
}
