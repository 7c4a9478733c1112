/**
 * Binary masks as COCO run-length encodings (RLE), with the compressed string form of pycocotools.
 *
 * <p>A mask of height h and width w is read in column-major (Fortran) order, pixel (row r, column
 * c) at index {@code c·h + r}, and stored as alternating run lengths, zeros first. Every method
 * here reproduces the semantics of pycocotools' {@code maskApi.c}.
 */
package io.mambastream.ingest.mask;
