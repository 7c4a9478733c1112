"""Writes the COCO evaluator fixtures: random ground truths and results with pycocotools' verdict.

Each case is <name>.gt.json, <name>.dt.json and <name>.expected.json under
heads/src/test/resources/coco/. The expected file holds, per IoU type, the 12 summary numbers of
COCOeval.summarize() and the same 12 restricted to each category (the mean of the entries > -1 of
the same slices with the category fixed), as JSON doubles (repr, so exact), and the printed summary.
The Java tests of io.mambastream.heads.eval.coco compare against these files, so they need no Python.
Run: python3 heads/src/test/scripts/coco_fixtures.py  (needs numpy and pycocotools)
"""
import contextlib
import importlib.metadata
import io
import json
import pathlib
import random

import numpy as np
import pycocotools.mask as mask_util
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

OUT = pathlib.Path(__file__).parent.parent / "resources/coco"


def jitter_box(rng, box, amount):
    x, y, w, h = box
    return [round(x + rng.uniform(-amount, amount) * w, 2), round(y + rng.uniform(-amount, amount) * h, 2),
            round(max(0.5, w * rng.uniform(1 - amount, 1 + amount)), 2),
            round(max(0.5, h * rng.uniform(1 - amount, 1 + amount)), 2)]


def random_box(rng, width, height, size):
    w = max(1.0, size * rng.uniform(0.5, 2.0))
    h = max(1.0, size * size / w)
    x = rng.uniform(0, max(1.0, width - w))
    y = rng.uniform(0, max(1.0, height - h))
    return [round(x, 2), round(y, 2), round(w, 2), round(h, 2)]


def polygon_of(rng, box, points):
    """A star-shaped polygon inside box."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    coords = []
    for i in range(points):
        angle = 2 * np.pi * (i + rng.uniform(-0.3, 0.3)) / points
        r = rng.uniform(0.5, 1.0)
        coords += [round(cx + r * w / 2 * np.cos(angle), 2), round(cy + r * h / 2 * np.sin(angle), 2)]
    return coords


def jitter_polygon(rng, poly, amount):
    return [round(c + rng.uniform(-amount, amount), 2) for c in poly]


def detections_for(rng, gts, images, categories, extra_per_image, scores):
    """Perturbed copies of most ground truths, a few duplicates, and random false positives."""
    dts = []
    for ann in gts:
        if rng.random() < 0.8:
            dts.append({"image_id": ann["image_id"], "category_id": ann["category_id"],
                        "bbox": jitter_box(rng, ann["bbox"], rng.choice([0.02, 0.1, 0.25])),
                        "score": rng.choice(scores), "_src": ann})
        if rng.random() < 0.2:
            dts.append({"image_id": ann["image_id"], "category_id": ann["category_id"],
                        "bbox": jitter_box(rng, ann["bbox"], 0.3), "score": rng.choice(scores), "_src": ann})
    for img in images:
        for _ in range(rng.randint(0, extra_per_image)):
            dts.append({"image_id": img["id"], "category_id": rng.choice(categories)["id"],
                        "bbox": random_box(rng, img["width"], img["height"], rng.choice([10, 40, 120])),
                        "score": rng.choice(scores), "_src": None})
    rng.shuffle(dts)
    return dts


def make_images(rng, ids):
    return [{"id": i, "width": rng.choice([160, 200, 240]), "height": rng.choice([120, 180, 200])} for i in ids]


def make_gts(rng, images, categories, per_image, with_polygons):
    anns = []
    next_id = 1
    for img in images:
        for _ in range(rng.randint(0, per_image)):
            size = rng.choice([8, 20, 31, 32, 33, 50, 95, 96, 97, 110])
            box = random_box(rng, img["width"], img["height"], size)
            ann = {"id": next_id, "image_id": img["id"], "category_id": rng.choice(categories)["id"],
                   "bbox": box, "iscrowd": 0}
            next_id += 1
            # the area field, not the box, decides the size range: sometimes exactly on a bound
            ann["area"] = rng.choice([round(box[2] * box[3], 3), 1024, 9216, 1024.0, round(box[2] * box[3] * 0.8, 3)])
            if with_polygons:
                parts = [polygon_of(rng, box, rng.randint(3, 9))]
                if rng.random() < 0.2:
                    parts.append(polygon_of(rng, [box[0], box[1], box[2] / 2, box[3] / 2], 4))
                ann["segmentation"] = parts
            if rng.random() < 0.1:
                ann["iscrowd"] = 1
                if with_polygons:
                    rle = mask_util.merge(mask_util.frPyObjects(ann["segmentation"], img["height"], img["width"]))
                    mask = mask_util.decode(rle)
                    counts = uncompressed_counts(mask)
                    ann["segmentation"] = {"size": [img["height"], img["width"]], "counts": counts}
            elif with_polygons and rng.random() < 0.15:
                rle = mask_util.merge(mask_util.frPyObjects(ann["segmentation"], img["height"], img["width"]))
                ann["segmentation"] = {"size": rle["size"], "counts": rle["counts"].decode("ascii")}
            anns.append(ann)
    return anns


def uncompressed_counts(mask):
    flat = mask.flatten(order="F")
    counts, value, run = [], 0, 0
    for pixel in flat:
        if pixel != value:
            counts.append(run)
            run, value = 0, pixel
        run += 1
    counts.append(run)
    return counts


def evaluate(gt, dt, iou_type):
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = json.loads(json.dumps(gt))
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(json.loads(json.dumps(dt)))
        e = COCOeval(coco_gt, coco_dt, iou_type)
        e.evaluate()
        e.accumulate()
    summary = io.StringIO()
    with contextlib.redirect_stdout(summary):
        e.summarize()
    precision, recall = e.eval["precision"], e.eval["recall"]
    a_index = {"all": 0, "small": 1, "medium": 2, "large": 3}
    m_index = {1: 0, 10: 1, 100: 2}
    specs = [(1, None, "all", 100), (1, .5, "all", 100), (1, .75, "all", 100), (1, None, "small", 100),
             (1, None, "medium", 100), (1, None, "large", 100), (0, None, "all", 1), (0, None, "all", 10),
             (0, None, "all", 100), (0, None, "small", 100), (0, None, "medium", 100), (0, None, "large", 100)]

    def stat(spec, k):
        ap, thr, area, max_dets = spec
        s = precision if ap else recall
        if thr is not None:
            s = s[np.where(thr == e.params.iouThrs)[0]]
        s = s[:, :, k, a_index[area], m_index[max_dets]] if ap else s[:, k, a_index[area], m_index[max_dets]]
        return float(np.mean(s[s > -1])) if len(s[s > -1]) else -1.0

    per_category = {str(c): [stat(spec, k) for spec in specs] for k, c in enumerate(e.params.catIds)}
    return {"stats": [float(v) for v in e.stats], "perCategory": per_category,
            "summary": summary.getvalue()}


def strip(dts):
    return [{k: v for k, v in d.items() if not k.startswith("_")} for d in dts]


def write(name, gt, dt, iou_types):
    expected = {"pycocotools": importlib.metadata.version("pycocotools"),
                "numpy": importlib.metadata.version("numpy")}
    for iou_type in iou_types:
        expected[iou_type] = evaluate(gt, dt, iou_type)
    for suffix, value in (("gt", gt), ("dt", dt), ("expected", expected)):
        (OUT / f"{name}.{suffix}.json").write_text(json.dumps(value, separators=(",", ":")) + "\n")


def boxes_case(rng):
    """Boxes: crowds, bound areas, a category without ground truth, images without detections,
    an image with more than 100 detections, tied scores, and an annotation with id 0."""
    images = make_images(rng, [3, 1, 7, 2, 9, 4, 5, 8, 6, 11])
    categories = [{"id": 5, "name": "cat"}, {"id": 2, "name": "dog"}, {"id": 9, "name": "bird"},
                  {"id": 4, "name": "unused"}]
    gts = make_gts(rng, images[:8], categories[:3], 8, False)
    gts[0]["id"] = 0
    dts = detections_for(rng, gts, images[2:], categories, 4, [0.9, 0.8, 0.75, 0.5, 0.5, 0.3, 0.1, 0.05])
    crowded = images[2]
    for _ in range(130):
        dts.append({"image_id": crowded["id"], "category_id": 5,
                    "bbox": random_box(rng, crowded["width"], crowded["height"], 30),
                    "score": round(rng.random(), 2)})
    return {"images": images, "categories": categories, "annotations": gts}, strip(dts)


def string_ids_case(rng):
    """Boxes on images with string ids (sorted as strings: "img10" before "img2")."""
    images = make_images(rng, ["img2", "img10", "a", "img1", "b7"])
    categories = [{"id": 1, "name": "person"}, {"id": 3, "name": "car"}]
    gts = make_gts(rng, images, categories, 6, False)
    dts = detections_for(rng, gts, images, categories, 3, [0.95, 0.6, 0.6, 0.6, 0.2])
    return {"images": images, "categories": categories, "annotations": gts}, strip(dts)


def masks_case(rng):
    """Polygons (some in two parts), crowd regions as uncompressed RLE, compressed RLE ground
    truths; results are compressed RLE masks without boxes (loadRes' segmentation branch)."""
    images = make_images(rng, [10, 20, 30, 40, 50, 60])
    categories = [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}, {"id": 3, "name": "c"}]
    gts = make_gts(rng, images, categories, 6, True)
    boxes = detections_for(rng, gts, images[1:], categories, 3, [0.9, 0.7, 0.7, 0.4, 0.2])
    by_id = {img["id"]: img for img in images}
    dts = []
    for d in boxes:
        img = by_id[d["image_id"]]
        src = d["_src"]
        if src is not None and isinstance(src["segmentation"], list):
            parts = [jitter_polygon(rng, p, rng.choice([0.5, 2.0, 5.0])) for p in src["segmentation"]]
        else:
            parts = [polygon_of(rng, d["bbox"], 6)]
        rle = mask_util.merge(mask_util.frPyObjects(parts, img["height"], img["width"]))
        dts.append({"image_id": d["image_id"], "category_id": d["category_id"], "score": d["score"],
                    "segmentation": {"size": rle["size"], "counts": rle["counts"].decode("ascii")}})
    return {"images": images, "categories": categories, "annotations": gts}, dts


def box_results_on_masks_case(rng):
    """Mask ground truth, results led by one with a bbox (loadRes' box branch): area w*h, and
    results without a segmentation evaluated as their box's corner polygon."""
    gt, dts = masks_case(rng)
    out = []
    for i, d in enumerate(dts):
        box = [float(v) for v in mask_util.toBbox(d["segmentation"])]
        r = {"image_id": d["image_id"], "category_id": d["category_id"], "score": d["score"], "bbox": box}
        if i % 3 == 0:
            r["segmentation"] = d["segmentation"]
        out.append(r)
    return gt, out


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write("boxes", *boxes_case(random.Random(1)), ["bbox"])
    write("string-ids", *string_ids_case(random.Random(2)), ["bbox"])
    write("masks", *masks_case(random.Random(3)), ["segm", "bbox"])
    write("box-results-on-masks", *box_results_on_masks_case(random.Random(4)), ["segm", "bbox"])


if __name__ == "__main__":
    main()
