#!/usr/bin/env python3
"""DeiT-Tiny inference timing in PyTorch on the CPU: the `torch-deit-tiny` rows of
`mambastream bench backbone`.

The model is written out here in plain torch (no timm) with the same architecture as our
VisionTransformer (io.mambastream.backbones.vit): conv patch embedding, class token first, learned
position embedding, 12 pre-norm layers (LayerNorm eps 1e-6, explicit softmax attention with 3
heads, GELU MLP 4x), final norm, head on the class token. Random weights, eval mode, no_grad.

Peak memory: the process's resident-set high-water mark (VmHWM in /proc/self/status), reset before
each row by writing 5 to /proc/self/clear_refs, read after the row; it includes the interpreter
and torch itself, as the Java rows include the JVM.

Prints one JSON object {"torch": version, "threads": n, "rows": [...]} with rows in the bench
schema: name, params {px, batch}, median_ms, min_ms, max_ms, runs, per_s, cpu_ms (median CPU
time of the calling thread, which does all the work with --threads 1), peak_mb, start_mb (resident
set when the row started).
"""
import argparse
import json
import re
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.fc1 = nn.Linear(dim, mlp_ratio * dim)
        self.fc2 = nn.Linear(mlp_ratio * dim, dim)

    def attention(self, x):
        b, l, d = x.shape
        q, k, v = self.qkv(x).reshape(b, l, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        weights = (q * (d // self.heads) ** -0.5) @ k.transpose(-2, -1)
        return self.proj((weights.softmax(-1) @ v).transpose(1, 2).reshape(b, l, d))

    def forward(self, x):
        x = x + self.attention(self.norm1(x))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x))))


class DeiT(nn.Module):
    def __init__(self, img_size, patch=16, dim=192, depth=12, heads=3, mlp_ratio=4, classes=1000):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, patch, patch)
        grid = img_size // patch
        self.cls_token = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.pos_embed = nn.Parameter(torch.randn(1, grid * grid + 1, dim) * 0.02)
        self.blocks = nn.ModuleList(Block(dim, heads, mlp_ratio) for _ in range(depth))
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, classes)

    def forward(self, images):
        x = self.proj(images).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], 1) + self.pos_embed
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x)[:, 0])


def peak_rss_mb():
    with open("/proc/self/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024


def current_rss_mb():
    with open("/proc/self/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="224")
    parser.add_argument("--batches", default="1")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads; 0 = all cores")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    else:
        import os
        torch.set_num_threads(os.cpu_count())
    torch.manual_seed(0)
    rows = []
    for px in [int(s) for s in args.sizes.split(",")]:
        model = DeiT(px).eval()
        for batch in [int(b) for b in args.batches.split(",")]:
            reset_peak_rss()
            start_mb = current_rss_mb()
            times, cpu = [], []
            with torch.no_grad():
                for i in range(args.warmup + args.runs):
                    images = torch.randn(batch, 3, px, px)
                    start, start_cpu = time.perf_counter(), time.thread_time()
                    model(images).sum().item()
                    if i >= args.warmup:
                        times.append((time.perf_counter() - start) * 1000)
                        cpu.append((time.thread_time() - start_cpu) * 1000)
            median = statistics.median(times)
            rows.append({"name": "torch-deit-tiny", "params": {"px": px, "batch": batch},
                         "median_ms": median, "min_ms": min(times), "max_ms": max(times),
                         "runs": len(times), "per_s": batch * 1000 / median,
                         "cpu_ms": statistics.median(cpu),
                         "peak_mb": peak_rss_mb(), "start_mb": start_mb})
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "rows": rows}))


if __name__ == "__main__":
    main()
