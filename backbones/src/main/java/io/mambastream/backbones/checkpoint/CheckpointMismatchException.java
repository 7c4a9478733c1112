package io.mambastream.backbones.checkpoint;

/**
 * A state dict that does not fit the model; the message lists missing, unexpected and mismatched
 * names.
 */
public class CheckpointMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient CheckReport report;

  /** An exception describing {@code report}. */
  public CheckpointMismatchException(CheckReport report) {
    super(report.describe());
    this.report = report;
  }

  /** The full comparison. */
  public CheckReport report() {
    return report;
  }
}
