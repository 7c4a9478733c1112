#!/usr/bin/python3
"""Independent PyTorch reference for `mambastream bench scan`: the selective scan (Mamba S6) as a
per-position loop over tensors, written from the published equations (DESIGN.md section 3):

    delta = softplus(delta + delta_bias)                  (B, D, L)
    h_t   = exp(delta_t * A) * h_{t-1} + delta_t * B_t * x_t   (B, D, N), h_{-1} = 0
    y_t   = (sum_n C_t[n] * h_t[n] + D * x_t) * silu(z_t)

Timing follows the Java harness: warm-up runs, then timed runs (fewer when a time budget per row
runs out), median/min/max in milliseconds. Prints ONE JSON object on stdout.

Usage: scan_reference.py --shapes 1x384x197x16,8x384x1025x16 --warmup 5 --warmup-seconds 3 --runs 20
                         --max-seconds 30 --threads 2 [--seed 0] [--name torch-loop]
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError as e:  # reported by the Java side as a note, the row is omitted
    print(json.dumps({"error": "PyTorch is not importable: %s" % e}))
    sys.exit(3)


def scan_loop(x, delta, a, b, c, d, z, delta_bias):
    """x, delta, z: (B, D, L); a: (D, N); b, c: (B, N, L); d, delta_bias: (D). Returns y, last h."""
    batch, channels, length = x.shape
    delta = F.softplus(delta + delta_bias[None, :, None])
    # exp(delta_t * A) for every position at once: (B, D, L, N)
    decay = torch.exp(delta.unsqueeze(-1) * a[None, :, None, :])
    # delta_t * x_t * B_t: (B, D, L, N)
    injection = (delta * x).unsqueeze(-1) * b.transpose(1, 2).unsqueeze(1)
    h = x.new_zeros(batch, channels, a.shape[1])
    readouts = []
    for t in range(length):
        h = decay[:, :, t] * h + injection[:, :, t]
        readouts.append(torch.einsum("bdn,bn->bd", h, c[:, :, t]))
    y = torch.stack(readouts, dim=2)
    y = (y + d[None, :, None] * x) * F.silu(z)
    return y, h


def random_inputs(batch, channels, length, state, generator):
    def normal(*shape):
        return torch.randn(*shape, generator=generator)

    a = -torch.arange(1, state + 1, dtype=torch.float32).repeat(channels, 1)  # A = -exp(log(1..N))
    return (normal(batch, channels, length), normal(batch, channels, length) - 1, a,
            normal(batch, state, length), normal(batch, state, length), normal(channels),
            normal(batch, channels, length), normal(channels) * 0.1)


def measure(body, warmup, warmup_seconds, runs, max_seconds):
    # As the Java harness: at least `warmup` runs and `warmup_seconds`, at most the budget.
    start = time.perf_counter()
    done = 0
    while True:
        elapsed = time.perf_counter() - start
        if elapsed >= max_seconds or (done >= warmup and elapsed >= min(warmup_seconds, max_seconds)):
            break
        body()
        done += 1
    start = time.perf_counter()
    body()
    first = time.perf_counter() - start
    planned = runs
    if first * runs > max_seconds:
        planned = max(3, int(max_seconds / max(first, 1e-9)))
        planned = min(planned, runs)
    times = [first * 1e3]
    for _ in range(planned - 1):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1e3)
    return times, planned < runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shapes", required=True, help="BxDxLxN,... e.g. 1x384x197x16")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--warmup-seconds", type=float, default=0.0)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--name", default="torch-loop", help="row name")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(args.seed)
    rows = []
    with torch.no_grad():
        for text in args.shapes.split(","):
            batch, channels, length, state = (int(v) for v in text.lower().split("x"))
            inputs = random_inputs(batch, channels, length, state, generator)
            times, capped = measure(lambda: scan_loop(*inputs), args.warmup, args.warmup_seconds,
                                    args.runs, args.max_seconds)
            median = statistics.median(times)
            row = {"name": args.name,
                   "params": {"B": batch, "D": channels, "L": length, "N": state},
                   "median_ms": median, "min_ms": min(times), "max_ms": max(times),
                   "runs": len(times), "per_s": 1e3 / median}
            if capped:
                row["note"] = "runs capped by the time budget of %g s" % args.max_seconds
            rows.append(row)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "rows": rows}))


if __name__ == "__main__":
    main()
