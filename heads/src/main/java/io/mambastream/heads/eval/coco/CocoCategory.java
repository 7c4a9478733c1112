package io.mambastream.heads.eval.coco;

/**
 * An entry of a COCO dataset's {@code categories}.
 *
 * @param id the category id
 * @param name the category name ("" when the file gives none)
 */
public record CocoCategory(long id, String name) {}
