#!/usr/bin/env python3
"""Runs `mambastream bench backbone` once per (row, size, batch), each in a fresh process, so that
every row's peak_mb is its own (a process keeps memory that earlier rows freed, which would hide a
later row's growth), then merges the rows into one report, a Markdown table and a PNG chart.

Usage (from the project root):
    /usr/bin/python3 backbones/scripts/bench_backbone_isolated.py --out docs/bench-backbone \
        --sizes 224,512,1024 --batches 1,8 --runs 3 --threads 1

Writes OUT/backbone.json (the merged report: the first run's machine and notes, every row),
OUT/backbone.md (the table) and OUT/backbone.png (median CPU ms per image against size, log scale;
wall time when --threads > 1). Needs matplotlib for the chart (Debian python3-matplotlib).
"""
import argparse
import json
import os
import subprocess
import sys

ROWS = ["vim-tiny", "deit-tiny", "torch-deit-tiny"]


def run_one(args, row, px, batch):
    command = ["bin/mambastream", "bench", "backbone", "--json", "--rows", row,
               "--sizes", str(px), "--batches", str(batch), "--runs", str(args.runs),
               "--warmup", str(args.warmup), "--threads", str(args.threads)]
    print("running:", " ".join(command), file=sys.stderr, flush=True)
    out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out), " ".join(command)


def table(rows):
    by_case = {}
    for r in rows:
        by_case.setdefault((r["params"]["px"], r["params"]["batch"]), {})[r["name"]] = r
    lines = ["| px | batch | row | median ms | img/s | CPU ms | peak MiB | start MiB |"
             " vim ÷ deit img/s | vim ÷ deit CPU |",
             "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (px, batch), named in sorted(by_case.items()):
        for name in ROWS:
            r = named.get(name)
            if r is None:
                continue
            ratio, cpu_ratio = "", ""
            if name == "vim-tiny" and "deit-tiny" in named:
                d = named["deit-tiny"]
                ratio = f"{r['per_s'] / d['per_s']:.2f}×"
                cpu_ratio = f"{d['cpu_ms'] / r['cpu_ms']:.2f}×"
            lines.append(f"| {px} | {batch} | {name} | {r['median_ms']:.1f} | {r['per_s']:.2f} |"
                         f" {r.get('cpu_ms', float('nan')):.1f} | {r.get('peak_mb', float('nan')):.0f} |"
                         f" {r.get('start_mb', float('nan')):.0f} | {ratio} | {cpu_ratio} |")
    return "\n".join(lines) + "\n"


def chart(rows, path, cpu, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(9, 5.6))
    series = {}
    for r in rows:
        series.setdefault((r["name"], r["params"]["batch"]), []).append(r)
    for (name, batch), points in sorted(series.items()):
        points.sort(key=lambda r: r["params"]["px"])
        ys = [(r["cpu_ms"] if cpu else r["median_ms"]) / batch for r in points]
        ax.plot([r["params"]["px"] for r in points], ys, marker="o",
                linestyle="-" if batch == 1 else "--", label=f"{name}, batch {batch}")
    ax.set_yscale("log")
    ax.set_xlabel("image size (px, square)")
    ax.set_ylabel(("median CPU ms" if cpu else "median ms") + " per image (log)")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--sizes", default="224,512,1024")
    parser.add_argument("--batches", default="1,8")
    parser.add_argument("--rows", default=",".join(ROWS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    merged, rows, commands = None, [], []
    for px in [int(s) for s in args.sizes.split(",")]:
        for batch in [int(b) for b in args.batches.split(",")]:
            for row in args.rows.split(","):
                report, command = run_one(args, row, px, batch)
                merged = merged or report
                rows.extend(report["rows"])
                commands.append(command)
                if "torch" in report:
                    merged["torch"] = report["torch"]
    merged["command"] = "backbones/scripts/bench_backbone_isolated.py " + " ".join(sys.argv[1:])
    merged["commands"] = commands
    merged["rows"] = rows
    merged["notes"] = merged.get("notes", []) + [
        "one process per row: each peak_mb is that row's own"]
    with open(os.path.join(args.out, "backbone.json"), "w") as f:
        json.dump(merged, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "backbone.md"), "w") as f:
        f.write(table(rows))
    machine = merged["machine"]
    chart(rows, os.path.join(args.out, "backbone.png"), args.threads == 1,
          f"Backbone inference per image ({machine['cpu']}, {args.threads} thread(s))")
    print(table(rows))


if __name__ == "__main__":
    main()
