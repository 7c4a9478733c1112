package io.mambastream.heads.eval.coco;

import io.mambastream.ingest.mask.PolygonMask;
import io.mambastream.ingest.mask.Rle;
import java.util.ArrayList;
import java.util.List;

/** The {@code segmentation} of a COCO record, in one of the three forms COCO files use. */
public sealed interface Segmentation {

  /**
   * Returns the mask, as pycocotools' {@code annToRLE} builds it: polygons rasterised in the
   * image's size and united; run-length encodings in their own {@code size}.
   */
  Rle toRle(int imageHeight, int imageWidth);

  /**
   * One or more polygons {@code [x0, y0, x1, y1, ...]}, united; the first has more than 4
   * coordinates (pycocotools fails on others).
   *
   * @param parts the polygons
   */
  record Polygons(List<double[]> parts) implements Segmentation {
    @Override
    public Rle toRle(int imageHeight, int imageWidth) {
      List<Rle> masks = new ArrayList<>(parts.size());
      for (double[] part : parts) {
        masks.add(PolygonMask.fromPolygon(part, imageHeight, imageWidth));
      }
      return Rle.union(masks);
    }
  }

  /**
   * A run-length encoding, given as a list of counts or as COCO's compressed string.
   *
   * @param rle the decoded mask
   */
  record Runs(Rle rle) implements Segmentation {
    @Override
    public Rle toRle(int imageHeight, int imageWidth) {
      return rle;
    }
  }

  /** Returns whether the mask needs the image size (polygons do, run lengths carry their own). */
  default boolean needsImageSize() {
    return this instanceof Polygons;
  }
}
