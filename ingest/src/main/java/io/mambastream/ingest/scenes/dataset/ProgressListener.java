package io.mambastream.ingest.scenes.dataset;

/** Hears how far a long job is, e.g. to drive a progress bar; called on the working thread. */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total) -> {};

  /** {@code done} of {@code total} units (frames, for dataset writing) are finished. */
  void progress(long done, long total);
}
