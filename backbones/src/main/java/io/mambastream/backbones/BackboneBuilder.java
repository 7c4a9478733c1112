package io.mambastream.backbones;

/**
 * Base of the backbone builders: the image channels and the classes of the head, which every
 * backbone has (3 and 1000 by default).
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class BackboneBuilder<B extends BackboneBuilder<B>> {

  private int inChannels = 3;
  private int numClasses = 1000;

  /** Creates a builder with 3 channels and 1000 classes. */
  protected BackboneBuilder() {}

  /** Returns this builder as its concrete type. */
  protected abstract B self();

  /** Sets the number of image channels; 3 by default. */
  public B optInChannels(int inChannels) {
    this.inChannels = inChannels;
    return self();
  }

  /** Sets the number of classes; 1000 by default, 0 for no head. */
  public B optNumClasses(int numClasses) {
    this.numClasses = numClasses;
    return self();
  }

  /** Returns the number of image channels. */
  public int inChannels() {
    return inChannels;
  }

  /** Returns the number of classes of the head (0 for no head). */
  public int numClasses() {
    return numClasses;
  }

  /**
   * Checks the channels and classes; each {@code build()} calls it.
   *
   * @throws IllegalArgumentException if the channels are not positive or the classes negative
   */
  protected void checkChannelsAndClasses() {
    if (inChannels <= 0 || numClasses < 0) {
      throw new IllegalArgumentException("inChannels must be positive and numClasses >= 0");
    }
  }
}
