"""One-off cross-check of `bin/mambastream eval coco` against pycocotools on random datasets.

Not part of CI (each case starts the CLI). For N seeds it builds a random dataset (1-25 images,
integer or string ids, 1-6 categories, boxes of every size range, areas on the range bounds,
crowds, star polygons and "nasty" polygons with vertices outside the image, repeated vertices and
explicitly closed outlines, compressed and uncompressed RLE), random results (jittered copies,
duplicates, stray boxes, zero-width boxes, heavily tied scores, sometimes an image with 50-200
detections) in one of loadRes' forms (boxes, compressed masks, boxes with or without masks), runs
pycocotools and the CLI for bbox (and segm when there are masks), and requires the 12 numbers to
be equal to the bit and the printed summaries to be identical.

Run: python3 heads/src/test/scripts/coco_crosscheck.py [FIRST_SEED] [COUNT]  (needs numpy, pycocotools)
"""
import contextlib
import io
import json
import pathlib
import random
import subprocess
import sys
import tempfile

import pycocotools.mask as mask_util
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

import coco_fixtures as fixtures

ROOT = pathlib.Path(__file__).resolve().parents[4]


def nasty_polygon(rng, img):
    k = rng.randint(3, 12)
    xy = []
    for _ in range(k):
        xy += [round(rng.uniform(-10, img["width"] + 10), rng.choice([0, 1, 2, 3])),
               round(rng.uniform(-10, img["height"] + 10), rng.choice([0, 1, 2, 3]))]
    if rng.random() < 0.3:
        i = rng.randrange(k)
        xy = xy[: 2 * i + 2] + xy[2 * i: 2 * i + 2] + xy[2 * i + 2:]
    if rng.random() < 0.2:
        xy += xy[:2]
    return xy


def random_case(seed):
    rng = random.Random(seed)
    ids = rng.sample(range(0, 1000), rng.randint(1, 25))
    if rng.random() < 0.3:
        ids = ["im%d" % i for i in ids]
    images = fixtures.make_images(rng, ids)
    categories = [{"id": c, "name": "c%d" % c} for c in rng.sample(range(1, 50), rng.randint(1, 6))]
    polygons = rng.random() < 0.6
    gts = fixtures.make_gts(rng, images, categories, rng.randint(0, 12), polygons)
    by_id = {img["id"]: img for img in images}
    for g in gts:
        if polygons and isinstance(g["segmentation"], list) and rng.random() < 0.2:
            g["segmentation"] = [nasty_polygon(rng, by_id[g["image_id"]])]
    if gts and rng.random() < 0.3:
        for g in rng.sample(gts, max(1, len(gts) // 5)):
            g["iscrowd"] = 1
    scores = [round(rng.random(), rng.choice([1, 2, 6])) for _ in range(rng.randint(1, 30))]
    dts = fixtures.detections_for(rng, gts, images, categories, rng.randint(0, 8), scores)
    if images and rng.random() < 0.3:
        img = rng.choice(images)
        for _ in range(rng.randint(50, 200)):
            dts.append({"image_id": img["id"], "category_id": rng.choice(categories)["id"],
                        "bbox": fixtures.random_box(rng, img["width"], img["height"], rng.choice([5, 30, 100])),
                        "score": rng.choice(scores), "_src": None})
    for d in dts:
        if rng.random() < 0.05:
            d["bbox"][2] = 0.0
    form = rng.choice(["boxes", "masks", "boxes-only", "boxes-and-masks"]) if polygons else "boxes"
    results = []
    for d in dts:
        r = {"image_id": d["image_id"], "category_id": d["category_id"], "score": d["score"]}
        img = by_id[d["image_id"]]
        if form == "boxes":
            r["bbox"] = d["bbox"]
        else:
            src = d["_src"]
            if src is not None and isinstance(src["segmentation"], list):
                parts = [fixtures.jitter_polygon(rng, p, rng.choice([0.5, 2.0, 5.0])) for p in src["segmentation"]]
            else:
                b = d["bbox"]
                parts = [fixtures.polygon_of(rng, [b[0], b[1], max(b[2], 1), b[3]], 6)]
            rle = mask_util.merge(mask_util.frPyObjects(parts, img["height"], img["width"]))
            mask = {"size": rle["size"], "counts": rle["counts"].decode("ascii")}
            if form == "masks":
                r["segmentation"] = mask
            else:
                r["bbox"] = d["bbox"]
                if form == "boxes-and-masks" and rng.random() < 0.5:
                    r["segmentation"] = mask
        results.append(r)
    gt = {"images": images, "categories": categories, "annotations": gts}
    return gt, results, (["bbox", "segm"] if polygons else ["bbox"])


def pycocotools(gt, results, iou_type):
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = json.loads(json.dumps(gt))
        coco_gt.createIndex()
        e = COCOeval(coco_gt, coco_gt.loadRes(json.loads(json.dumps(results))), iou_type)
        e.evaluate()
        e.accumulate()
    summary = io.StringIO()
    with contextlib.redirect_stdout(summary):
        e.summarize()
    return [float(v) for v in e.stats], summary.getvalue()


def mambastream(gt_file, dt_file, iou_type, *extra):
    command = [str(ROOT / "bin/mambastream"), "eval", "coco", "--gt", str(gt_file), "--dt", str(dt_file),
               "--iou", iou_type, *extra]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def main():
    first = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    same = differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        gt_file, dt_file = pathlib.Path(tmp, "gt.json"), pathlib.Path(tmp, "dt.json")
        for seed in range(first, first + count):
            gt, results, iou_types = random_case(seed)
            if not results:
                continue
            gt_file.write_text(json.dumps(gt))
            dt_file.write_text(json.dumps(results))
            for iou_type in iou_types:
                stats, summary = pycocotools(gt, results, iou_type)
                ours = list(json.loads(mambastream(gt_file, dt_file, iou_type, "--json"))["stats"].values())
                text = mambastream(gt_file, dt_file, iou_type)
                if ours == stats and text == summary:
                    same += 1
                else:
                    differ += 1
                    print("seed", seed, iou_type, "differs:", stats, ours)
    print(f"{same} evaluations identical to pycocotools, {differ} different")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
