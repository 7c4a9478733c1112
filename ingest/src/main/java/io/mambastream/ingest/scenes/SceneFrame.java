package io.mambastream.ingest.scenes;

import io.mambastream.ingest.Frame;
import java.util.List;

/**
 * One generated frame with its ground truth.
 *
 * @param image the RGB24 frame; its sequence is the frame index in the clip
 * @param objects the listed items, in order of track id (see {@link ObjectTruth} for which)
 * @param semanticMask row-major {@code width·height} class ids: 0 background, 1..10 the visible
 *     item's category; not copied, do not modify
 */
public record SceneFrame(Frame image, List<ObjectTruth> objects, byte[] semanticMask) {

  /** The 0-based index of the frame in its clip. */
  public int index() {
    return (int) image.sequence();
  }
}
