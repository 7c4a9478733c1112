"""One-off cross-check of `eval miou` and `eval fid` against the reference formulas.

Not part of CI. Run with a Python that has numpy, scipy, torch and Pillow (Debian: /usr/bin/python3):

    /usr/bin/python3 docs/evaluation/crosscheck_miou_fid.py [WORKDIR]

mIoU reference: mmsegmentation's IoUMetric.intersect_and_union / total_area_to_metrics, restated
here (torch.histc binning, ignore index dropped, dataset-level sums, nanmean).
FID reference: pytorch-fid's calculate_frechet_distance (np.cov, scipy.linalg.sqrtm, eps offset
when not finite, real part), restated here.
"""
import json
import os
import subprocess
import sys

import numpy as np
import torch
from PIL import Image
from scipy import linalg

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, "bin", "mambastream")


def mmseg_areas(pred, label, num_classes, ignore_index):
    pred = torch.from_numpy(pred.astype(np.int64))
    label = torch.from_numpy(label.astype(np.int64))
    mask = label != ignore_index
    pred, label = pred[mask], label[mask]
    intersect = pred[pred == label]
    hist = lambda x: torch.histc(x.float(), bins=num_classes, min=0, max=num_classes - 1)
    ai, ap, al = hist(intersect), hist(pred), hist(label)
    return ai, ap + al - ai, ap, al


def mmseg_metrics(pairs, num_classes, ignore_index):
    sums = [0, 0, 0, 0]
    for pred, label in pairs:
        for k, area in enumerate(mmseg_areas(pred, label, num_classes, ignore_index)):
            sums[k] = sums[k] + area.double()
    inter, union, _, label_area = [s.numpy() for s in sums]
    with np.errstate(invalid="ignore", divide="ignore"):
        iou = inter / union
        acc = inter / label_area
    return dict(aAcc=inter.sum() / label_area.sum() * 100, mIoU=np.nanmean(iou) * 100,
                mAcc=np.nanmean(acc) * 100, IoU=iou * 100, Acc=acc * 100)


def pytorch_fid(mu1, sigma1, mu2, sigma2, eps=1e-6):
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)


def run_cli(*args):
    out = subprocess.run([CLI, *args, "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def check_miou(work, rng):
    classes, ignore = 6, 255
    gt_dir, pred_dir = os.path.join(work, "gt"), os.path.join(work, "pred")
    os.makedirs(gt_dir, exist_ok=True)
    os.makedirs(pred_dir, exist_ok=True)
    pairs = []
    for i in range(12):
        h, w = rng.integers(5, 40, size=2)
        # Labels 0..7 (6 and 7 out of range) plus the ignore value; class 5 is rare.
        gt = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 255], size=(h, w),
                        p=[.2, .2, .15, .15, .1, .01, .04, .05, .1]).astype(np.uint8)
        pred = np.where(rng.random((h, w)) < 0.6, gt, rng.integers(0, 9, size=(h, w))).astype(np.uint8)
        pairs.append((pred, gt))
        if i % 2 == 0:
            Image.fromarray(gt, mode="L").save(os.path.join(gt_dir, f"{i:03d}.png"))
        else:  # palette image: indices are the labels, colours are arbitrary
            img = Image.fromarray(gt, mode="P")
            img.putpalette([(k * 37) % 256 for k in range(768)])
            img.save(os.path.join(gt_dir, f"{i:03d}.png"))
        Image.fromarray(pred, mode="L").save(os.path.join(pred_dir, f"{i:03d}.png"))
    ref = mmseg_metrics(pairs, classes, ignore)
    ours = run_cli("eval", "miou", "--gt", gt_dir, "--pred", pred_dir, "--classes", str(classes))
    worst = max(abs(ours[k] - ref[k]) for k in ("aAcc", "mIoU", "mAcc"))
    for c in range(classes):
        for key in ("IoU", "Acc"):
            r, o = ref[key][c], ours["per_class"][c][key]
            worst = max(worst, 0 if (np.isnan(r) and o is None) else abs(o - r))
    print(f"miou: aAcc {ours['aAcc']:.6f} mIoU {ours['mIoU']:.6f} mAcc {ours['mAcc']:.6f};"
          f" max |ours - mmseg| = {worst:.3g}")


def check_fid(work, rng):
    for n1, n2, d in [(200, 300, 8), (500, 400, 64), (40, 30, 64)]:
        mix = rng.normal(size=(d, d))
        a = rng.normal(size=(n1, d)) @ mix
        b = 0.3 + rng.normal(size=(n2, d)) @ (mix + 0.2 * rng.normal(size=(d, d)))
        pa, pb = os.path.join(work, f"a{d}_{n1}.csv"), os.path.join(work, f"b{d}_{n2}.csv")
        np.savetxt(pa, a, delimiter=",", fmt="%.17g")
        np.savetxt(pb, b, delimiter=",", fmt="%.17g")
        mu1, s1 = a.mean(axis=0), np.cov(a, rowvar=False)
        mu2, s2 = b.mean(axis=0), np.cov(b, rowvar=False)
        ref = pytorch_fid(mu1, s1, mu2, s2)
        ours = run_cli("eval", "fid", "--a", pa, "--b", pb)["fid"]
        print(f"fid n=({n1},{n2}) d={d}: ours {ours:.12g} scipy {ref:.12g}"
              f" rel diff {abs(ours - ref) / abs(ref):.3g}")


def fashion_items(kind, count):
    import gzip
    path = f"/usr/share/datasets/fashion-mnist/{kind}-images-idx3-ubyte.gz"
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)[:count]


def check_fid_images(work):
    """FID of classifier features: our number against pytorch-fid's formula on the exported CSVs."""
    folders = {}
    for kind in ("t10k", "train"):
        folder = os.path.join(work, f"png-{kind}")
        os.makedirs(folder, exist_ok=True)
        for i, item in enumerate(fashion_items(kind, 200)):
            Image.fromarray(item, mode="L").save(os.path.join(folder, f"{i:04d}.png"))
        folders[kind] = folder
    real, fake = os.path.join(work, "real.csv"), os.path.join(work, "fake.csv")
    ours = run_cli("eval", "fid", "--real", folders["t10k"], "--fake", folders["train"],
                   "--features-out", f"{real},{fake}")
    a = np.loadtxt(real, delimiter=",", skiprows=1)
    b = np.loadtxt(fake, delimiter=",", skiprows=1)
    ref = pytorch_fid(a.mean(axis=0), np.cov(a, rowvar=False), b.mean(axis=0), np.cov(b, rowvar=False))
    print(f"fid of classifier features, 200 test vs 200 train PNGs, d={a.shape[1]}:"
          f" ours {ours['fid']:.12g} scipy {ref:.12g} rel diff {abs(ours['fid'] - ref) / ref:.3g}")


if __name__ == "__main__":
    work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/mambastream-crosscheck"
    os.makedirs(work, exist_ok=True)
    rng = np.random.default_rng(20261127)
    check_miou(work, rng)
    check_fid(work, rng)
    check_fid_images(work)
