package io.mambastream.ingest.scenes;

import io.mambastream.ingest.mask.Rle;

/**
 * The ground truth of one item in one frame.
 *
 * <p>A frame lists every alive track whose item mask has at least one pixel inside the frame, in
 * order of track id, also when nearer items hide it completely (then {@code visiblePixels} is 0,
 * {@code box} is {@link Box#EMPTY} and the mask is empty). Items wholly outside the frame (before
 * they enter, after they leave) are not listed. The exporters write only visible objects.
 *
 * @param trackId track id, 1-based within the clip
 * @param category class id 1..10 (Fashion-MNIST label + 1; 0 is the background)
 * @param item index of the Fashion-MNIST item in its split's file
 * @param motion how the track moves
 * @param box tight bounds of the visible mask (after occlusion and frame clipping)
 * @param fullBox the whole item square, unclipped and unoccluded (may reach outside the frame)
 * @param visiblePixels pixels of the visible mask (COCO's {@code area})
 * @param fullPixels pixels of the whole item mask, wherever they fall
 * @param visibility {@code visiblePixels / fullPixels}, in [0, 1]
 * @param mask the visible mask, frame-sized
 */
public record ObjectTruth(
    int trackId,
    int category,
    int item,
    MotionKind motion,
    Box box,
    Box fullBox,
    long visiblePixels,
    long fullPixels,
    double visibility,
    Rle mask) {

  /** Whether any pixel of the item is visible. */
  public boolean isVisible() {
    return visiblePixels > 0;
  }
}
