#!/usr/bin/env python3
"""Builds the Vim parity fixture from the OFFICIAL hustvl/Vim code, run on the CPU.

Usage (see docs/VIM_PARITY.md):
    python vim_parity.py --vim /path/to/hustvl/Vim --out backbones/src/test/resources/vim-parity

The official code is imported from --vim (a checkout that is never committed here). It needs CUDA
kernels, triton and torchvision; this script only stubs what blocks the import and replaces the
fused CUDA path by the official reference functions:
  * `selective_scan_cuda`, `causal_conv1d_cuda`: empty modules (only called by the CUDA path).
  * `causal_conv1d`: exposes the official `causal_conv1d_ref` as `causal_conv1d_fn` (the official
    `mamba_simple.py` raises TypeError on import when the package is missing).
  * `triton`: decorators that do nothing, so `layer_norm.py` imports; `rms_norm_fn` and
    `layer_norm_fn` are then replaced by its own `rms_norm_ref` / `layer_norm_ref`.
  * `mamba_inner_fn_no_out_proj` (the v2 fast path, CUDA only) is recomposed from the official
    `causal_conv1d_ref` and `selective_scan_ref`, step by step as `MambaInnerFnNoOutProj.forward`.
    The slow path (`use_fast_path=False`) is NOT used: it silently drops the backward branch.
  * `torchvision` (timm imports it) and `transformers` (mamba_ssm.utils imports it): stubs.
Writes: vim-parity.pth ({"model": state_dict}), vim-parity.safetensors (same tensors), inputs,
logits and class-token features as raw little-endian float32, and fixture.json (shapes, config).
"""
import argparse
import importlib.abc
import importlib.machinery
import json
import os
import struct
import sys
import types


class _DummyMeta(type):
    """A stand-in class whose every attribute is again a stand-in class (cached)."""

    def __getattr__(cls, attr):
        return _dummy(cls, attr)


def _dummy(owner, attr):
    if attr.startswith("__"):
        raise AttributeError(attr)
    value = _DummyMeta(attr, (object,), {"__init__": lambda self, *a, **k: None})
    setattr(owner, attr, value)
    return value


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers every import under the given roots with an empty module whose attributes are dummies."""

    def __init__(self, roots):
        self.roots = roots

    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in self.roots:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []

        module.__getattr__ = lambda attr: _dummy(module, attr)
        return module

    def exec_module(self, module):
        pass


def _identity_decorator_factory(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda fn: fn


def install_stubs(vim_root):
    sys.meta_path.insert(0, StubFinder({"torchvision", "transformers", "selective_scan_cuda",
                                         "causal_conv1d_cuda"}))
    # causal_conv1d: the official reference function under the name mamba_simple imports.
    sys.path.insert(0, os.path.join(vim_root, "causal-conv1d"))
    from causal_conv1d import causal_conv1d_interface as cc  # noqa: E402
    stub = types.ModuleType("causal_conv1d")
    stub.causal_conv1d_fn = cc.causal_conv1d_ref
    stub.causal_conv1d_update = None
    sys.modules["causal_conv1d"] = stub

    # mamba_ssm without its __init__ (which pulls in the LM head model and transformers).
    package = types.ModuleType("mamba_ssm")
    package.__path__ = [os.path.join(vim_root, "mamba-1p1p1", "mamba_ssm")]
    sys.modules["mamba_ssm"] = package
    sys.path.insert(0, os.path.join(vim_root, "vim"))


def import_layer_norm_without_triton():
    """Imports the official layer_norm.py under a do-nothing triton, then removes that triton."""
    import torch._dynamo  # noqa: F401  (imported first: it must never see the stand-in)
    triton = types.ModuleType("triton")
    triton.autotune = triton.heuristics = triton.jit = _identity_decorator_factory
    triton.Config = lambda *a, **k: types.SimpleNamespace(**k)
    language = types.ModuleType("triton.language")
    language.constexpr = object
    triton.language = language
    sys.modules["triton"] = triton
    sys.modules["triton.language"] = language
    try:
        from mamba_ssm.ops.triton import layer_norm
    finally:
        del sys.modules["triton"], sys.modules["triton.language"]
    return layer_norm


def norm_from_ref(ref):
    """The fused norm function (rms_norm_fn / layer_norm_fn signature) computed by `ref`, the
    official reference (layer_norm.py's rms_norm_ref / layer_norm_ref): add residual, normalise,
    and, with prenorm, also return the new residual (fp32 when residual_in_fp32)."""
    def fn(x, weight, bias, residual=None, eps=1e-6, prenorm=False, residual_in_fp32=False,
           dropout_p=0.0, **unused):
        assert dropout_p == 0.0
        out = ref(x, weight, bias, residual=residual, eps=eps, prenorm=prenorm)
        if prenorm and residual_in_fp32:
            out = (out[0], out[1].float())
        return out
    return fn


def inner_no_out_proj_ref(causal_conv1d_ref, selective_scan_ref):
    """The v2 fast path `mamba_inner_fn_no_out_proj` (CUDA only) recomposed from the official
    reference conv and scan (causal_conv1d_interface.causal_conv1d_ref and
    selective_scan_interface.selective_scan_ref): same arguments, same math, differentiable."""
    import torch.nn.functional as F
    from einops import rearrange

    def mamba_inner_no_out_proj_ref(xz, conv1d_weight, conv1d_bias, x_proj_weight,
                                    delta_proj_weight, A, B=None, C=None, D=None, delta_bias=None,
                                    B_proj_bias=None, C_proj_bias=None, delta_softplus=True):
        # MambaInnerFnNoOutProj.forward with causal_conv1d_cuda.causal_conv1d_fwd(..., silu=True)
        # and selective_scan_cuda.fwd replaced by the official reference functions.
        assert B is None and C is None and B_proj_bias is None and C_proj_bias is None
        length = xz.shape[-1]
        delta_rank = delta_proj_weight.shape[1]
        d_state = A.shape[-1]
        x, z = xz.chunk(2, dim=1)
        conv1d_out = causal_conv1d_ref(x, rearrange(conv1d_weight, "d 1 w -> d w"), conv1d_bias,
                                       activation="silu")
        x_dbl = F.linear(rearrange(conv1d_out, "b d l -> (b l) d"), x_proj_weight)
        delta = rearrange(delta_proj_weight @ x_dbl[:, :delta_rank].t(), "d (b l) -> b d l",
                          l=length)
        B = rearrange(x_dbl[:, delta_rank:delta_rank + d_state], "(b l) n -> b n l", l=length)
        C = rearrange(x_dbl[:, -d_state:], "(b l) n -> b n l", l=length)
        return selective_scan_ref(conv1d_out, delta, A, B, C, D, z=z, delta_bias=delta_bias,
                                  delta_softplus=delta_softplus)

    return mamba_inner_no_out_proj_ref


def patch_reference_paths():
    import_layer_norm_without_triton()
    from mamba_ssm.modules import mamba_simple
    from mamba_ssm.ops import selective_scan_interface as ssi
    from mamba_ssm.ops.triton import layer_norm as ln
    import models_mamba

    for module in (ln, models_mamba):
        module.rms_norm_fn = norm_from_ref(ln.rms_norm_ref)
        module.layer_norm_fn = norm_from_ref(ln.layer_norm_ref)

    def counted(fn):
        def wrapper(*args, **kwargs):
            CALLS[fn.__name__] = CALLS.get(fn.__name__, 0) + 1
            return fn(*args, **kwargs)
        return wrapper

    ssi.causal_conv1d_fn = sys.modules["causal_conv1d"].causal_conv1d_fn
    mamba_simple.mamba_inner_fn_no_out_proj = counted(
        inner_no_out_proj_ref(ssi.causal_conv1d_fn, ssi.selective_scan_ref))
    models_mamba.rms_norm_fn = counted(models_mamba.rms_norm_fn)
    return models_mamba


CALLS = {}


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        data = t.detach().contiguous().float().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vim", required=True, help="checkout of github.com/hustvl/Vim")
    parser.add_argument("--out", required=True, help="fixture folder")
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()

    install_stubs(os.path.abspath(args.vim))
    import torch
    models_mamba = patch_reference_paths()

    config = dict(img_size=64, patch_size=16, embed_dim=128, depth=2, d_state=16, num_classes=10)
    torch.manual_seed(args.seed)
    model = models_mamba.VisionMamba(
        **config, rms_norm=True, residual_in_fp32=True, fused_add_norm=True,
        final_pool_type="mean", if_abs_pos_embed=True, if_rope=False, if_rope_residual=False,
        bimamba_type="v2", if_cls_token=True, if_divide_out=True, use_middle_cls_token=True)
    # Move every parameter away from its structured init (D = 1, A_log = log(1..N), zero biases,
    # unit norms) so that a mistake in any of them shows in the logits.
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.1)
    model.eval()
    assert all(m.mixer.use_fast_path and m.mixer.bimamba_type == "v2" for m in model.layers)

    inputs = torch.randn(3, 3, config["img_size"], config["img_size"])
    with torch.no_grad():
        logits = model(inputs)
        features = model(inputs, return_features=True)

    # Two forward calls, each through depth layers of two scan directions and depth + 1 norms:
    # proof that the v2 path (both directions) and the reference norms ran.
    depth = config["depth"]
    assert CALLS == {"mamba_inner_no_out_proj_ref": 2 * depth * 2, "fn": 2 * (depth + 1)}, CALLS

    os.makedirs(args.out, exist_ok=True)
    state = model.state_dict()
    torch.save({"model": state}, os.path.join(args.out, "vim-parity.pth"))
    write_safetensors(os.path.join(args.out, "vim-parity.safetensors"), state)
    arrays = {"inputs": inputs, "logits": logits, "class_features": features}
    for name, t in arrays.items():
        with open(os.path.join(args.out, name + ".f32"), "wb") as f:
            f.write(t.detach().contiguous().numpy().astype("<f4").tobytes())
    manifest = {
        "source": "hustvl/Vim vim/models_mamba.py VisionMamba (bimamba v2, middle class token), "
                  "CPU, reference scan and conv",
        "torch": torch.__version__,
        "seed": args.seed,
        "config": config,
        "arrays": {name: {"file": name + ".f32", "dtype": "float32", "shape": list(t.shape)}
                   for name, t in arrays.items()},
    }
    with open(os.path.join(args.out, "fixture.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print("logits[0]:", logits[0].tolist())


if __name__ == "__main__":
    main()
