#!/usr/bin/env python3
"""Times the official Vision Mamba (hustvl/Vim, Vim-Ti) and timm DeiT-Ti on one device: the outside
anchors for our own GPU numbers.

Rows (the `bench` JSON shape of docs; `params`: px, batch, mode infer|train, dtype fp32|bf16):
  torch-vim-tiny-cuda  the official model on its CUDA kernels (selective_scan_cuda and
                       causal_conv1d_cuda from Vim's bundled mamba-1p1p1 and causal-conv1d,
                       built by gpu/build_official_ops.py) and its triton norms
  torch-vim-tiny-ref   the same model with the fused v2 function `mamba_inner_fn_no_out_proj`
                       recomposed from the official `causal_conv1d_ref` and `selective_scan_ref`
                       (backbones/scripts/vim_parity.py); NOT the official slow path, which drops
                       the backward branch and the /2. Everything else (norms, projections) as in
                       the cuda row.
  torch-deit-tiny      timm `deit_tiny_patch16_224` with timm's default attention (PyTorch's fused
                       scaled_dot_product_attention unless TIMM_FUSED_ATTN=0; `machine` says which)
Every model is built for its image size (img_size = px, position embedding of that length), with
random seeded weights, 1000 classes and drop path 0. Vim-Ti: patch 16, dim 192, depth 24, RMSNorm,
residual in fp32, fused add+norm, bimamba v2, middle class token, abs. position embedding.

Inference: eval mode, no_grad, optional bf16 autocast. Training step: forward, cross-entropy,
backward, AdamW step (train mode). Each row: warm-up runs (at least 2 and 0.5 s; a case whose first
run exceeds --slow-s gets that run as its only warm-up), then timed runs until at least 3 runs and
--case-s seconds (at most 50), each run between two device synchronisations (wall clock, so
launch-bound code is charged its launch cost); median, min, max, per_s = batch / median; peak_mb =
torch.cuda.max_memory_allocated after reset_peak_memory_stats (warm-up included).
A total --budget-s bounds the run: a case whose predicted time (from the same model, mode, dtype
and batch at a smaller size, scaled by the token count) does not fit what is left becomes a row
with "skipped" and the reason; an out-of-memory or other error becomes a row with "error". The
JSON file is rewritten after every row, so a run cut short keeps what it measured.
Before the rows, a check compares both Vim modes on the same weights and inputs (logits and every
parameter's gradient) and counts the calls of the v2 function (2 per layer and forward pass).
"""
import argparse
import datetime
import importlib
import json
import os
import platform
import statistics
import sys
import time
import types
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "backbones", "scripts"))
import vim_parity  # noqa: E402  (the reference recomposition and the import stand-ins)

VIM_FACTORY = "vim_tiny_patch16_224_bimambav2_final_pool_mean_abs_pos_embed_with_midclstok_div2"
DEIT = "deit_tiny_patch16_224"
NAMES = {"cuda": "torch-vim-tiny-cuda", "ref": "torch-vim-tiny-ref", "deit": "torch-deit-tiny"}
OPS = ("selective_scan_cuda", "causal_conv1d_cuda")


class Official:
    """The official Vim modules, imported once, with a switch between the two scan paths."""

    def __init__(self, official_dir, ops_dir, device):
        self.ops_error = self._load_ops(ops_dir)
        self._stub_missing_packages()
        sys.path.insert(0, os.path.join(official_dir, "causal-conv1d"))
        sys.path.insert(0, os.path.join(official_dir, "vim"))
        # mamba_ssm without its __init__, which imports the language model and transformers.
        package = types.ModuleType("mamba_ssm")
        package.__path__ = [os.path.join(official_dir, "mamba-1p1p1", "mamba_ssm")]
        sys.modules["mamba_ssm"] = package
        self.norm = self._import_norms(device)
        from causal_conv1d import causal_conv1d_interface
        from mamba_ssm.modules import mamba_simple
        from mamba_ssm.ops import selective_scan_interface
        import models_mamba
        if self.norm != "triton":
            for module in (self.layer_norm, models_mamba):
                module.rms_norm_fn = vim_parity.norm_from_ref(self.layer_norm.rms_norm_ref)
                module.layer_norm_fn = vim_parity.norm_from_ref(self.layer_norm.layer_norm_ref)
        self.models_mamba = models_mamba
        self.mamba_simple = mamba_simple
        self.calls = 0
        self.paths = {
            "cuda": self._counted(mamba_simple.mamba_inner_fn_no_out_proj),
            "ref": self._counted(vim_parity.inner_no_out_proj_ref(
                causal_conv1d_interface.causal_conv1d_ref,
                selective_scan_interface.selective_scan_ref)),
        }
        with open(os.path.join(official_dir, "SOURCE")) as f:
            self.source = dict(line.strip().split(": ", 1) for line in f if ": " in line)

    @staticmethod
    def _load_ops(ops_dir):
        """Imports the built extensions; stands in for missing ones (then only 'ref' can run)."""
        errors = []
        for name in OPS:
            folder = os.path.join(ops_dir, name) if ops_dir else None
            if folder and os.path.isdir(folder):
                sys.path.insert(0, folder)
                try:
                    importlib.import_module(name)
                    continue
                except Exception as e:  # noqa: BLE001  (recorded in the rows)
                    errors.append(f"{name}: {type(e).__name__}: {e}")
            else:
                errors.append(f"{name}: not built ({folder or 'no --ops'})")
            sys.modules[name] = types.ModuleType(name)  # only the CUDA path calls into it
        return "; ".join(errors) or None

    @staticmethod
    def _stub_missing_packages():
        # transformers: only mamba_ssm.utils (generation, hub) import it. torchvision: timm imports
        # it; stood in only where it is missing or broken.
        roots = {"transformers"}
        try:
            import torchvision  # noqa: F401
        except Exception:  # noqa: BLE001
            for name in [n for n in sys.modules if n.split(".")[0] == "torchvision"]:
                del sys.modules[name]
            roots.add("torchvision")
        sys.meta_path.insert(0, vim_parity.StubFinder(roots))

    def _import_norms(self, device):
        """The official triton norms where triton runs, else the official reference norms."""
        if device.type == "cuda":
            try:
                from mamba_ssm.ops.triton import layer_norm
                import torch
                x = torch.randn(4, 192, device=device, requires_grad=True)
                w = torch.ones(192, device=device, requires_grad=True)
                out, residual = layer_norm.rms_norm_fn(x, w, None, residual=x, prenorm=True,
                                                       residual_in_fp32=True, eps=1e-5)
                (out.sum() + residual.sum()).backward()
                torch.cuda.synchronize()
                self.layer_norm = layer_norm
                return "triton"
            except Exception as e:  # noqa: BLE001
                print(f"triton norms unusable, using the reference norms: {e}", file=sys.stderr)
                for name in [n for n in sys.modules if n.startswith("mamba_ssm.ops.triton")]:
                    del sys.modules[name]
        real = {n: sys.modules[n] for n in ("triton", "triton.language") if n in sys.modules}
        try:
            self.layer_norm = vim_parity.import_layer_norm_without_triton()
        finally:
            sys.modules.update(real)  # the stand-in import removes whatever triton it found
        return "reference"

    def _counted(self, fn):
        def wrapper(*args, **kwargs):
            self.calls += 1
            return fn(*args, **kwargs)
        return wrapper

    def use(self, path):
        """Routes every Mamba layer's v2 call through 'cuda' or 'ref'."""
        self.mamba_simple.mamba_inner_fn_no_out_proj = self.paths[path]

    def model(self, px):
        return getattr(self.models_mamba, VIM_FACTORY)(img_size=px, num_classes=1000,
                                                       drop_path_rate=0.0)


def deit_model(px):
    import timm
    return timm.create_model(DEIT, pretrained=False, img_size=px, num_classes=1000)


class Bench:
    """Runs cases within a time budget and writes the JSON after every row."""

    def __init__(self, args, device, machine, checks, deadline):
        self.args, self.device, self.deadline = args, device, deadline
        self.seconds = {}  # (name, mode, dtype, batch) -> [(tokens, seconds per run)]
        self.report = {
            "benchmark": "official-vim",
            "command": " ".join(["gpu/bench_official_vim.py"] + sys.argv[1:]),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "machine": machine,
            "checks": checks,
            "rows": [],
        }
        self.write()

    def write(self):
        if not self.args.out:
            return
        tmp = self.args.out + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.report, f, indent=2, allow_nan=False)
            f.write("\n")
        os.replace(tmp, self.args.out)

    def sync(self):
        import torch
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)

    def timed(self, step):
        self.sync()
        start = time.perf_counter()
        step()
        self.sync()
        return time.perf_counter() - start

    def predict(self, key, tokens):
        """Seconds per run predicted from the nearest smaller measured size (linear in tokens)."""
        seen = [(t, s) for t, s in self.seconds.get(key, []) if t <= tokens]
        if not seen:
            return None
        t, s = max(seen)
        return s * tokens / t

    def case(self, name, px, batch, mode, dtype, build):
        """Measures one case: build() returns a zero-argument step function."""
        import torch
        args = self.args
        params = {"px": px, "batch": batch, "mode": mode, "dtype": dtype}
        row = {"name": name, "params": params, "median_ms": None, "min_ms": None, "max_ms": None,
               "runs": 0, "per_s": None, "peak_mb": None}
        tokens = (px // 16) ** 2 + 1
        key = (name, mode, dtype, batch)
        left = self.deadline - time.monotonic()
        guess = self.predict(key, tokens)
        if guess is None:
            need = args.case_s + 1.0
        elif guess > args.slow_s:
            need = 2 * guess  # one warm-up run and one timed run
        else:
            need = 2 * guess + max(args.case_s, 3 * guess)
        if need > left:
            per_run = f" ({guess:.2f} s a run, scaled from a smaller size)" if guess else ""
            row["skipped"] = (f"predicted {need:.0f} s{per_run} > {max(left, 0):.0f} s left of "
                              "the budget")
            return self.add(row)
        step = None
        try:
            torch.manual_seed(0)
            step = build()
            if self.device.type == "cuda":
                torch.cuda.reset_peak_memory_stats(self.device)
            first = self.timed(step)
            warm = [first]
            if first > args.slow_s:
                # One warm-up run is all a slow case gets; a second run if it fits.
                if first < self.deadline - time.monotonic():
                    runs = [self.timed(step)]
                else:
                    runs = [first]
                    row["note"] = "single run, no warm-up"
            else:
                while len(warm) < 10 and (len(warm) < 2 or sum(warm) < 0.5):
                    warm.append(self.timed(step))
                runs = []
                while len(runs) < 50 and (len(runs) < 3 or sum(runs) < args.case_s):
                    runs.append(self.timed(step))
                    if time.monotonic() > self.deadline:
                        break
            median = statistics.median(runs)
            row.update(median_ms=median * 1e3, min_ms=min(runs) * 1e3, max_ms=max(runs) * 1e3,
                       runs=len(runs), per_s=batch / median)
            self.seconds.setdefault(key, []).append((tokens, median))
            if self.device.type == "cuda":
                row["peak_mb"] = torch.cuda.max_memory_allocated(self.device) / 2**20
        except Exception as e:  # noqa: BLE001  (out of memory above all: recorded, not fatal)
            row["error"] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"[:300]
        finally:
            del step
            if self.device.type == "cuda":
                torch.cuda.empty_cache()
        return self.add(row)

    def add(self, row):
        self.report["rows"].append(row)
        self.write()
        status = row.get("error") or row.get("skipped") or (
            f"{row['median_ms']:.2f} ms median of {row['runs']}, {row['per_s']:.1f}/s, "
            f"peak {row['peak_mb']:.0f} MB" if row["peak_mb"] is not None else
            f"{row['median_ms']:.2f} ms median of {row['runs']}, {row['per_s']:.1f}/s")
        p = row["params"]
        print(f"{row['name']:20s} {p['mode']:5s} {p['dtype']:4s} {p['px']:5d} px x{p['batch']:<4d} "
              f"{status}", flush=True)
        return row


def autocast(device, dtype):
    import contextlib
    import torch
    if dtype == "bf16":
        return torch.autocast(device.type, dtype=torch.bfloat16)
    return contextlib.nullcontext()


def infer_step(model_fn, px, batch, dtype, device):
    def build():
        import torch
        model = model_fn(px).to(device).eval()
        images = torch.randn(batch, 3, px, px, device=device)

        def step():
            with torch.no_grad(), autocast(device, dtype):
                model(images)
        return step
    return build


def train_step(model_fn, px, batch, dtype, device):
    def build():
        import torch
        import torch.nn.functional as F
        model = model_fn(px).to(device).train()
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
        images = torch.randn(batch, 3, px, px, device=device)
        labels = torch.randint(0, 1000, (batch,), device=device)

        def step():
            optimizer.zero_grad(set_to_none=True)
            with autocast(device, dtype):
                loss = F.cross_entropy(model(images), labels)
            loss.backward()
            optimizer.step()
        return step
    return build


def check_paths(official, device, px, batch, can_cuda):
    """Both Vim paths on the same weights and inputs: logits, gradients and call counts."""
    import torch
    import torch.nn.functional as F
    torch.manual_seed(0)
    model = official.model(px).to(device).eval()
    images = torch.randn(batch, 3, px, px, device=device)
    labels = torch.randint(0, 1000, (batch,), device=device)
    result = {"px": px, "batch": batch, "depth": len(model.layers)}
    outputs = {}
    for path in (["cuda"] if can_cuda else []) + ["ref"]:
        official.use(path)
        official.calls = 0
        model.zero_grad(set_to_none=True)
        logits = model(images)
        F.cross_entropy(logits, labels).backward()
        grads = torch.cat([p.grad.flatten() for p in model.parameters() if p.grad is not None])
        outputs[path] = (logits.detach(), grads)
        result[f"v2_calls_per_forward_{path}"] = official.calls
    if can_cuda:
        (la, ga), (lb, gb) = outputs["cuda"], outputs["ref"]
        result["logits_max_rel_err"] = ((la - lb).abs().max() / la.abs().max()).item()
        result["grads_max_rel_err"] = ((ga - gb).abs().max() / ga.abs().max()).item()
    del model, outputs
    if device.type == "cuda":
        torch.cuda.empty_cache()
    return result


def machine_info(device, official):
    import torch
    import timm
    info = {"torch": torch.__version__, "cuda": torch.version.cuda,
            "python": platform.python_version(), "timm": timm.__version__,
            "deit_fused_attn": bool(timm.layers.use_fused_attn()), "vim_norm": official.norm,
            "float32_matmul_precision": torch.get_float32_matmul_precision(),
            "official": official.source, "device": str(device)}
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        info.update(gpu=props.name, gpu_memory_mb=props.total_memory // 2**20)
        try:
            import triton
            info["triton"] = triton.__version__
        except ImportError:
            pass
    else:
        info.update(gpu=None, cpu=platform.processor() or platform.machine(), cores=os.cpu_count())
    if official.ops_error:
        info["ops_error"] = official.ops_error
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--official", required=True, help="the unpacked official/ sources folder")
    parser.add_argument("--ops", help="build root of gpu/build_official_ops.py (for the cuda rows)")
    parser.add_argument("--out", help="JSON file (rewritten after every row)")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--sizes", default="224,512,1024,1248")
    parser.add_argument("--batches", default="1,64")
    parser.add_argument("--train-px", type=int, default=224)
    parser.add_argument("--train-batch", type=int, default=128)
    parser.add_argument("--ref-train-batch", type=int, default=32,
                        help="the reference scan keeps B*D*L*N tensors per step for backward: "
                             "batch 128 does not fit 80 GB")
    parser.add_argument("--models", default="cuda,ref,deit", help="subset of cuda,ref,deit")
    parser.add_argument("--bf16", action=argparse.BooleanOptionalAction, default=True,
                        help="bf16 autocast rows for cuda and deit (after the fp32 rows)")
    parser.add_argument("--budget-s", type=float, default=240)
    parser.add_argument("--case-s", type=float, default=1.5, help="timed seconds per fast case")
    parser.add_argument("--slow-s", type=float, default=2.0, help="a run longer than this is slow")
    parser.add_argument("--check-px", type=int, default=224)
    parser.add_argument("--phases", help="JSON object from the shell script (setup/build times)")
    parser.add_argument("--smoke", action="store_true",
                        help="CPU smoke run: --device cpu, 64 px, batch 2, short cases, no bf16")
    args = parser.parse_args()
    deadline = time.monotonic() + args.budget_s  # imports, triton compiles and the check included
    # The official code uses torch.cuda.amp.custom_fwd and timm.models.layers: one warning each.
    warnings.filterwarnings("ignore", category=FutureWarning)
    if args.smoke:
        args.device, args.sizes, args.batches, args.train_px = "cpu", "64", "2", 64
        args.train_batch = args.ref_train_batch = 2
        args.case_s, args.check_px, args.bf16 = 0.2, 64, False
    import torch
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        sys.exit("no CUDA device: use --device cpu (or --smoke)")
    models = args.models.split(",")
    sizes = [int(s) for s in args.sizes.split(",")]
    batches = [int(b) for b in args.batches.split(",")]

    official = Official(args.official, args.ops, device)
    can_cuda = device.type == "cuda" and official.ops_error is None
    machine = machine_info(device, official)
    if args.phases:
        machine["phases"] = json.loads(args.phases)
    try:
        checks = check_paths(official, device, args.check_px, 2, can_cuda)
    except Exception as e:  # noqa: BLE001
        checks = {"error": f"{type(e).__name__}: {e}"[:300]}
    print("check:", json.dumps(checks), flush=True)
    bench = Bench(args, device, machine, checks, deadline)

    def vim(path):
        def make(px):
            official.use(path)
            return official.model(px)
        return make

    def unavailable(name, px, batch, mode, dtype):
        why = official.ops_error if device.type == "cuda" else "CUDA kernels need --device cuda"
        bench.add({"name": name, "params": {"px": px, "batch": batch, "mode": mode, "dtype": dtype},
                   "median_ms": None, "min_ms": None, "max_ms": None, "runs": 0, "per_s": None,
                   "peak_mb": None, "error": why})

    def run(model, mode, dtype, px, batch):
        name = NAMES[model]
        if model == "cuda" and not can_cuda:
            return unavailable(name, px, batch, mode, dtype)
        make = deit_model if model == "deit" else vim(model)
        step = infer_step if mode == "infer" else train_step
        bench.case(name, px, batch, mode, dtype, step(make, px, batch, dtype, device))

    fast = [m for m in ("cuda", "deit") if m in models]
    # Required rows first, the optional bf16 rows last; within a model, sizes ascending so that
    # the prediction of a larger size comes from a measured smaller one.
    for model in fast:
        for px in sizes:
            for batch in batches:
                run(model, "infer", "fp32", px, batch)
    for model in fast:
        run(model, "train", "fp32", args.train_px, args.train_batch)
    if "ref" in models:
        for px in sizes:
            for batch in batches:
                run("ref", "infer", "fp32", px, batch)
            if px == sizes[0]:
                run("ref", "train", "fp32", args.train_px, args.ref_train_batch)
    if args.bf16:
        for model in fast:
            for px in sizes:
                for batch in batches:
                    run(model, "infer", "bf16", px, batch)
        for model in fast:
            run(model, "train", "bf16", args.train_px, args.train_batch)
    print(f"wrote {len(bench.report['rows'])} rows to {args.out}" if args.out else
          json.dumps(bench.report, indent=2))


if __name__ == "__main__":
    main()
