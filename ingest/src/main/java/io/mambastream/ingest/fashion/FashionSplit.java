package io.mambastream.ingest.fashion;

/** The two published parts of Fashion-MNIST and the prefixes of their idx files. */
public enum FashionSplit {
  /** 60,000 training items, files {@code train-*-idx?-ubyte.gz}. */
  TRAIN("train", 60_000),
  /** 10,000 test items, files {@code t10k-*-idx?-ubyte.gz}. */
  TEST("t10k", 10_000);

  private final String prefix;
  private final int size;

  FashionSplit(String prefix, int size) {
    this.prefix = prefix;
    this.size = size;
  }

  /** The file name of the images, e.g. {@code train-images-idx3-ubyte.gz}. */
  public String imagesFile() {
    return prefix + "-images-idx3-ubyte.gz";
  }

  /** The file name of the labels, e.g. {@code train-labels-idx1-ubyte.gz}. */
  public String labelsFile() {
    return prefix + "-labels-idx1-ubyte.gz";
  }

  /** The number of items of the full published split. */
  public int size() {
    return size;
  }
}
