package io.mambastream.heads.eval.coco;

/**
 * An entry of a COCO dataset's {@code images}.
 *
 * @param id the image id
 * @param height the height in pixels, or -1 when the file gives none (only masks need it)
 * @param width the width in pixels, or -1 when the file gives none
 */
public record CocoImage(ImageId id, int height, int width) {}
