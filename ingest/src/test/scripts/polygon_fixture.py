"""Writes pycocotools-polygons.json: polygons, boxes and mask pairs with what pycocotools makes of them.

Polygons are random (vertices inside and outside the image, repeated vertices, explicitly closed
outlines, odd coordinate counts, fractional coordinates on .1/.2/.5 grids that stress the rounding);
for each the compressed RLE of frPyObjects. Boxes: the RLE of frPyObjects on an N×4 array (frBbox).
IoU: maskUtils.iou of two masks, crowd or not. toBbox: uncompressed run lengths with empty runs.
The Java tests of io.mambastream.ingest.mask compare against this file, so they need no Python.
Run: python3 ingest/src/test/scripts/polygon_fixture.py  (needs numpy and pycocotools)
"""
import importlib.metadata
import json
import pathlib
import random

import numpy as np
import pycocotools.mask as mask_util

OUT = pathlib.Path(__file__).parent.parent / "resources/io/mambastream/ingest/mask/pycocotools-polygons.json"


def coordinate(rng, limit):
    value = rng.uniform(-3, limit + 3)
    return rng.choice([round(value), round(value, 1), round(value * 5) / 5, round(value * 2) / 2 + 0.1, value])


def polygon(rng, h, w):
    k = rng.randint(1, 9)
    xy = []
    for _ in range(k):
        xy += [coordinate(rng, w), coordinate(rng, h)]
    if rng.random() < 0.25 and k > 1:
        i = rng.randrange(k)
        xy = xy[: 2 * i + 2] + xy[2 * i: 2 * i + 2] + xy[2 * i + 2:]
    if rng.random() < 0.2:
        xy += xy[:2]
    if rng.random() < 0.1:
        xy.append(coordinate(rng, w))
    return xy


def main():
    rng = random.Random(7)
    polygons, boxes, ious, bboxes = [], [], [], []
    for _ in range(300):
        h, w = rng.randint(1, 40), rng.randint(1, 40)
        xy = polygon(rng, h, w)
        if len(xy) <= 4:
            xy += [coordinate(rng, w), coordinate(rng, h)] * 2
        rle = mask_util.frPyObjects([xy], h, w)[0]
        polygons.append({"height": h, "width": w, "polygon": xy, "counts": rle["counts"].decode("ascii")})
    for _ in range(100):
        h, w = rng.randint(1, 40), rng.randint(1, 40)
        box = [coordinate(rng, w), coordinate(rng, h), abs(coordinate(rng, w)), abs(coordinate(rng, h))]
        rle = mask_util.frPyObjects(np.array([box], dtype=np.double), h, w)[0]
        boxes.append({"height": h, "width": w, "box": box, "counts": rle["counts"].decode("ascii")})
    for _ in range(150):
        h, w = rng.randint(1, 20), rng.randint(1, 20)
        masks = []
        for _ in range(2):
            if rng.random() < 0.1:
                m = np.zeros((h, w), dtype=np.uint8)
            else:
                m = (np.random.default_rng(rng.randrange(1 << 30)).random((h, w)) < rng.random()).astype(np.uint8)
            masks.append(mask_util.encode(np.asfortranarray(m)))
        crowd = rng.random() < 0.3
        value = mask_util.iou([masks[0]], [masks[1]], [int(crowd)])
        ious.append({"height": h, "width": w, "dt": masks[0]["counts"].decode("ascii"),
                     "gt": masks[1]["counts"].decode("ascii"), "crowd": crowd, "iou": float(value[0][0])})
    for counts, h, w in [([5, 0, 3, 2], 5, 2), ([5, 0, 5], 5, 2), ([10], 5, 2), ([0, 10], 5, 2),
                         ([3, 4, 3], 5, 2), ([2, 1, 3, 2, 0, 0, 12], 5, 4), ([0, 0, 4, 2, 0, 6], 4, 3)]:
        rle = mask_util.frPyObjects({"size": [h, w], "counts": counts}, h, w)
        bboxes.append({"height": h, "width": w, "counts": counts,
                       "bbox": [float(v) for v in mask_util.toBbox(rle)]})
    OUT.write_text(json.dumps({
        "pycocotools": importlib.metadata.version("pycocotools"),
        "polygons": polygons, "boxes": boxes, "ious": ious, "toBbox": bboxes}, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
