package io.mambastream.heads.eval.coco;

import java.util.List;
import java.util.NavigableMap;

/**
 * A COCO ground-truth file: images, categories and annotations.
 *
 * @param images the images by id, in evaluation order (sorted ids)
 * @param categories the categories sorted by id, ids unique
 * @param annotations the ground-truth objects in file order
 */
public record CocoDataset(
    NavigableMap<ImageId, CocoImage> images,
    List<CocoCategory> categories,
    List<CocoAnnotation> annotations) {

  /** Returns the image with {@code id}, or throws naming the record that referred to it. */
  public CocoImage image(ImageId id, String referrer) {
    CocoImage image = images.get(id);
    if (image == null) {
      throw new IllegalArgumentException(referrer + ": unknown image_id " + id);
    }
    return image;
  }
}
