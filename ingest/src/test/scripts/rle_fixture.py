"""Writes pycocotools-rle.json: random masks with what pycocotools computes for them.

The Java tests of io.mambastream.ingest.mask compare against this file, so they need no Python.
Run: python3 ingest/src/test/scripts/rle_fixture.py  (needs numpy and pycocotools)
"""
import importlib.metadata
import json
import pathlib

import numpy as np
import pycocotools.mask as mask_util

OUT = pathlib.Path(__file__).parent.parent / "resources/io/mambastream/ingest/mask/pycocotools-rle.json"


def case(mask, rect=None):
    h, w = mask.shape
    rle = mask_util.encode(np.asfortranarray(mask))
    pixels = {"rect": rect} if rect else {"rows": ["".join(str(v) for v in row) for row in mask.tolist()]}
    return {
        "height": h,
        "width": w,
        **pixels,
        "compressed": rle["counts"].decode("ascii"),
        "area": int(mask_util.area(rle)),
        "bbox": [float(v) for v in mask_util.toBbox(rle)],
    }


def main():
    rng = np.random.default_rng(20261127)
    cases = []
    for i in range(45):
        h, w = int(rng.integers(1, 25)), int(rng.integers(1, 25))
        style = i % 3
        if style == 0:  # noise
            mask = (rng.random((h, w)) < rng.random()).astype(np.uint8)
        elif style == 1:  # one rectangle
            mask = np.zeros((h, w), np.uint8)
            r0, c0 = int(rng.integers(0, h)), int(rng.integers(0, w))
            mask[r0:int(rng.integers(r0, h + 1)), c0:int(rng.integers(c0, w + 1))] = 1
        else:  # a few long runs, giving large and negative deltas
            flat = np.zeros(h * w, np.uint8)
            for _ in range(3):
                a = int(rng.integers(0, h * w))
                flat[a:a + int(rng.integers(1, h * w))] = 1
            mask = flat.reshape(w, h).T.copy()
        cases.append(case(mask))
    # A big rectangle (rows 17..249, columns 33..389), to exercise multi-character numbers.
    big = np.zeros((300, 400), np.uint8)
    big[17:250, 33:390] = 1
    cases.append(case(big, rect=[17, 250, 33, 390]))
    # Pairs of masks of one size with pycocotools' IoU, plain and with the second one as a crowd.
    ious = []
    for _ in range(12):
        h, w = int(rng.integers(1, 16)), int(rng.integers(1, 16))
        a = (rng.random((h, w)) < 0.5).astype(np.uint8)
        b = (rng.random((h, w)) < 0.5).astype(np.uint8)
        ra, rb = mask_util.encode(np.asfortranarray(a)), mask_util.encode(np.asfortranarray(b))
        ious.append({
            "height": h,
            "width": w,
            "a": ["".join(str(v) for v in row) for row in a.tolist()],
            "b": ["".join(str(v) for v in row) for row in b.tolist()],
            "iou": float(mask_util.iou([ra], [rb], [0])[0][0]),
            "iou_crowd": float(mask_util.iou([ra], [rb], [1])[0][0]),
            "union": mask_util.merge([ra, rb], intersect=False)["counts"].decode("ascii"),
            "intersection": mask_util.merge([ra, rb], intersect=True)["counts"].decode("ascii"),
        })
    OUT.write_text(json.dumps({"generator": "pycocotools " + importlib.metadata.version("pycocotools"), "cases": cases, "ious": ious}) + "\n")


if __name__ == "__main__":
    main()
