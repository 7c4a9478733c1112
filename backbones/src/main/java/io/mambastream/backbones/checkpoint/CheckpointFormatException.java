package io.mambastream.backbones.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file that is broken, hostile or in a form this reader refuses; the message says why.
 */
public class CheckpointFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the file and the problem. */
  public CheckpointFormatException(String message) {
    super(message);
  }

  /** An exception with a message and the low-level cause. */
  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
