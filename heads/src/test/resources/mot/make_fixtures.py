#!/usr/bin/env python3
"""Makes the MOT evaluator's reference fixtures from py-motmetrics and TrackEval.

Writes random small sequences (id switches, swaps, fragments, misses, false positives, crossing
boxes, frames with only GT or only predictions) as MOTChallenge files, runs the reference tools
on them and stores their metrics as JSON beside them:

  fixture/gt/<SEQ>/gt/gt.txt     ground truth, MOTChallenge layout, sorted by id then frame
  fixture/pred/<SEQ>.txt         predictions, sorted by frame
  fixture/expected.json          {"sequences": {SEQ: {metric: value}}, "overall": {...}}

CLEAR/identity metrics: motmetrics.io.loadtxt (mot15-2D), utils.compare_to_groundtruth(gt, pred,
'iou', distth=0.5), MetricsHost.compute_many(..., generate_overall=True). HOTA: TrackEval's
HOTA.eval_sequence on the files as given (no MOTChallenge preprocessing), similarity from
_BaseDataset._calculate_box_ious(box_format='xywh'), then HOTA.combine_sequences; reported values
are means over the 19 alphas, as TrackEval's summary. NaN is written as null.

Needs numpy, scipy, pandas, and motmetrics and trackeval importable (e.g. through PYTHONPATH).
Old TrackEval code uses np.float, removed from NumPy 1.24: the aliases are restored below.

Usage: python3 make_fixtures.py [OUT_DIR]   (default: the folder of this script)
"""
import json
import os
import sys

import numpy as np

for alias, value in (("float", float), ("int", int), ("bool", bool)):
    if alias not in np.__dict__:
        setattr(np, alias, value)

import motmetrics as mm  # noqa: E402
from trackeval.datasets._base_dataset import _BaseDataset  # noqa: E402
from trackeval.metrics.hota import HOTA  # noqa: E402

EXTRA_MOTMETRICS = ["num_objects", "num_predictions", "num_matches", "num_detections",
                    "num_frames", "idtp", "idfp", "idfn"]
HOTA_FIELDS = ["HOTA", "DetA", "AssA", "DetRe", "DetPr", "AssRe", "AssPr", "LocA"]
HOTA_SCALARS = ["HOTA(0)", "LocA(0)", "HOTALocA(0)"]


def make_sequence(rng, frames, objects, p_miss, p_switch, extent):
    """Returns (gt rows, pred rows) as lists of (frame, id, x, y, w, h, conf)."""
    gt = []
    for o in range(1, objects + 1):
        start = int(rng.integers(1, frames // 2))
        end = int(rng.integers(start + 3, frames + 1))
        x0, y0 = rng.uniform(1, extent, 2)
        vx, vy = rng.uniform(-3, 3, 2)
        w, h = rng.uniform(15, 60, 2)
        gap = set()
        if rng.random() < 0.4:  # occlusion: the object is absent from the GT for a while
            g0 = int(rng.integers(start, end + 1))
            gap = set(range(g0, g0 + int(rng.integers(1, 4))))
        for f in range(start, end + 1):
            if f not in gap:
                t = f - start
                gt.append((f, o, round(x0 + vx * t, 3), round(y0 + vy * t, 3), round(w, 3),
                           round(h, 3), 1))
    gt.sort(key=lambda r: (r[0], r[1]))
    pid = {o: 100 + o for o in range(1, objects + 1)}
    next_id = 200
    swap_frame = int(rng.integers(2, frames))
    a, b = rng.choice(np.arange(1, objects + 1), 2, replace=False)
    pred = []
    swapped = False
    for f, o, x, y, w, h, _ in gt:
        if f >= swap_frame and not swapped:  # two tracks exchange identities from here on
            pid[a], pid[b] = pid[b], pid[a]
            swapped = True
        if rng.random() < p_miss:
            continue
        if rng.random() < p_switch:
            pid[o] = next_id
            next_id += 1
        s = rng.uniform(0.5, 6)  # jitter scale: some predictions fall below IoU 0.5
        dx, dy, dw, dh = rng.normal(0, s, 4)
        pred.append((f, pid[o], round(x + dx, 3), round(y + dy, 3), round(max(w + dw, 2), 3),
                     round(max(h + dh, 2), 3), round(float(rng.uniform(0.3, 1)), 3)))
    for _ in range(int(rng.integers(2, 8))):  # short false tracks, some in frames without GT
        f0 = int(rng.integers(1, frames + 3))
        x, y = rng.uniform(1, 150, 2)
        w, h = rng.uniform(15, 50, 2)
        for f in range(f0, f0 + int(rng.integers(1, 4))):
            pred.append((f, next_id, round(x, 3), round(y, 3), round(w, 3), round(h, 3), 0.5))
        next_id += 1
    pred.sort(key=lambda r: (r[0], r[1]))
    return gt, pred


def special_sequence():
    """Frames where the exact rules matter (see HandWorkedTest): a chain of five boxes where the
    most matches beat the least distance, and an object whose partner is carried forward only
    from the previous update."""
    gt, pred = [], []
    for f in (1, 2):
        for i in range(1, 6):
            gt.append((f, i, 1 + 32 * i, 1, 100, 50, 1))
            pred.append((f, 10 + i, 1 + 32 * (i - 1), 1, 100, 50, 0.9))
    p, p6 = (301, 301, 10, 10), (301, 301, 10, 6)
    for f in (1, 2, 3):
        gt.append((f, 6) + p + (1,))
    pred += [(1, 16) + p + (0.9,), (2, 99, 401, 401, 10, 10, 0.9), (3, 16) + p6 + (0.9,),
             (3, 17) + p + (0.9,)]
    return sorted(gt), sorted(pred)


def write(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        for f, i, x, y, w, h, c in rows:
            out.write(f"{f},{i},{x},{y},{w},{h},{c},-1,-1,-1\n")


def read(path):
    rows = []
    with open(path) as f:
        for line in f:
            p = line.strip().split(",")
            if p[0]:
                rows.append((int(p[0]), int(p[1]), float(p[2]), float(p[3]), float(p[4]),
                             float(p[5])))
    return rows


def hota_data(gt_rows, pred_rows):
    """The data dict TrackEval's HOTA.eval_sequence expects, built without preprocessing."""
    frames = sorted({r[0] for r in gt_rows} | {r[0] for r in pred_rows})
    gt_map = {i: k for k, i in enumerate(np.unique([r[1] for r in gt_rows]))}
    tr_map = {i: k for k, i in enumerate(np.unique([r[1] for r in pred_rows]))}
    data = {"gt_ids": [], "tracker_ids": [], "similarity_scores": [],
            "num_gt_dets": len(gt_rows), "num_tracker_dets": len(pred_rows),
            "num_gt_ids": len(gt_map), "num_tracker_ids": len(tr_map)}
    for f in frames:
        g = [r for r in gt_rows if r[0] == f]
        t = [r for r in pred_rows if r[0] == f]
        data["gt_ids"].append(np.array([gt_map[r[1]] for r in g], dtype=int))
        data["tracker_ids"].append(np.array([tr_map[r[1]] for r in t], dtype=int))
        gb = np.array([r[2:6] for r in g], dtype=float).reshape(-1, 4)
        tb = np.array([r[2:6] for r in t], dtype=float).reshape(-1, 4)
        data["similarity_scores"].append(_BaseDataset._calculate_box_ious(gb, tb, box_format="xywh"))
    return data


def clean(value):
    value = float(value)
    return None if np.isnan(value) or np.isinf(value) else value


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(out, "fixture")
    rng = np.random.default_rng(20261127)
    # name, frames, objects, miss rate, id-switch rate, extent of start positions (small = crowded)
    specs = [("SEQ-01", 30, 4, 0.10, 0.02, 140), ("SEQ-02", 40, 6, 0.15, 0.04, 140),
             ("SEQ-03", 25, 5, 0.30, 0.08, 140), ("SEQ-04", 35, 3, 0.05, 0.00, 140),
             ("SEQ-05", 30, 8, 0.10, 0.03, 30)]
    names, accs, hota_res = [], [], {}
    metric = HOTA()
    metrics = mm.metrics.motchallenge_metrics + EXTRA_MOTMETRICS
    for name, frames, objects, p_miss, p_switch, extent in specs + [("SEQ-06",) + (None,) * 5]:
        if frames is None:
            gt, pred = special_sequence()
        else:
            gt, pred = make_sequence(rng, frames, objects, p_miss, p_switch, extent)
        gt_path = os.path.join(root, "gt", name, "gt", "gt.txt")
        pred_path = os.path.join(root, "pred", name + ".txt")
        write(gt_path, sorted(gt, key=lambda r: (r[1], r[0])))
        write(pred_path, pred)
        gdf = mm.io.loadtxt(gt_path, fmt="mot15-2D")
        pdf = mm.io.loadtxt(pred_path, fmt="mot15-2D")
        accs.append(mm.utils.compare_to_groundtruth(gdf, pdf, "iou", distth=0.5))
        names.append(name)
        hota_res[name] = metric.eval_sequence(hota_data(read(gt_path), read(pred_path)))
    summary = mm.metrics.create().compute_many(accs, metrics=metrics, names=names,
                                               generate_overall=True)
    hota_res["COMBINED_SEQ"] = metric.combine_sequences(hota_res)
    result = {"sequences": {}, "overall": {}}
    for row in list(names) + ["OVERALL"]:
        values = {m: clean(summary.loc[row, m]) for m in metrics}
        res = hota_res["COMBINED_SEQ" if row == "OVERALL" else row]
        values.update({f: clean(np.mean(res[f])) for f in HOTA_FIELDS})
        values.update({f: clean(res[f]) for f in HOTA_SCALARS})
        if row == "OVERALL":
            result["overall"] = values
        else:
            result["sequences"][row] = values
    with open(os.path.join(root, "expected.json"), "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(mm.io.render_summary(summary, formatters=mm.metrics.create().formatters,
                               namemap=mm.io.motchallenge_metric_names))


if __name__ == "__main__":
    main()
