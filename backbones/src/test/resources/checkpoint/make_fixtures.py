#!/usr/bin/python3
"""Writes the small checkpoint fixtures read by the Java tests of io.mambastream.backbones.checkpoint.

Run from anywhere with Debian's python3 (torch 1.13):  /usr/bin/python3 make_fixtures.py
That writes the main set. Run it again with a torch 2.x interpreter that also has the
`safetensors` package (here: a venv from the local wheels, `pip install torch safetensors numpy`)
to (re)write the two files only that environment can: wrapped_torch2.pth (torch 2's archive
layout, with byteorder and .format_version entries) and official.safetensors (written by the
safetensors library itself). Each run updates its own entries of expected.json.
Every file lands beside this script and stays under 50 KB. The script never unpickles the
malicious files it writes: they are assembled from raw pickle opcodes.

expected.json records, for each readable file, the order of its tensors and each tensor's dtype
(safetensors spelling), shape and values (flattened, row-major, as float64 from torch itself), so
the Java tests compare against torch rather than against the reader under test.
"""
import argparse
import collections
import io
import json
import os
import pickle
import struct
import zipfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = (2026, 11, 27, 0, 0, 0)

SAFETENSORS_NAMES = {
    torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
    torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL",
}


def path(name):
    return os.path.join(HERE, name)


def mixed_state_dict():
    """A state dict exercising every dtype, a transposed view, shared storage and a scalar."""
    g = torch.Generator().manual_seed(7)
    sd = collections.OrderedDict()
    sd["layers.0.mixer.in_proj.weight"] = torch.randn(4, 3, generator=g)
    sd["layers.0.mixer.A_log"] = torch.log(torch.arange(1, 7, dtype=torch.float32)).reshape(2, 3)
    sd["half"] = torch.tensor([0.5, -1.25, 3.0, 65504.0, 6.1035156e-05], dtype=torch.float16)
    sd["half_subnormal"] = torch.tensor([5.9604645e-08, -0.0, 1e-6], dtype=torch.float16)
    sd["brain"] = (torch.randn(2, 2, generator=g) * 100).to(torch.bfloat16)
    sd["double"] = torch.tensor([1.0 / 3.0, -2.5], dtype=torch.float64)
    sd["steps"] = torch.tensor([-3, 0, 1 << 40], dtype=torch.int64)
    sd["ints"] = torch.tensor([[7, -8]], dtype=torch.int32)
    sd["bytes"] = torch.tensor([0, 128, 255], dtype=torch.uint8)
    sd["mask"] = torch.tensor([True, False, True])
    sd["num_batches_tracked"] = torch.tensor(42)  # a 0-dim int64 tensor, as BatchNorm keeps
    base = torch.arange(12, dtype=torch.float32) / 4
    sd["transposed"] = base.reshape(3, 4).t()  # shape (4, 3), strides (1, 4): not contiguous
    assert not sd["transposed"].is_contiguous()
    sd["shared.a"] = base[0:6]  # shares the storage of base (and of "transposed")
    sd["shared.b"] = base[2:10].view(2, 4)  # storage offset 2
    sd["param"] = torch.nn.Parameter(torch.tensor([1.5, 2.5]))  # goes through _rebuild_parameter
    return sd


def expected_entry(sd):
    tensors = collections.OrderedDict()
    for name, t in sd.items():
        t = t.detach()
        tensors[name] = {
            "dtype": SAFETENSORS_NAMES[t.dtype],
            "shape": list(t.shape),
            "values": t.to(torch.float64).flatten().tolist(),
        }
    return {"order": list(sd.keys()), "tensors": tensors}


def write_safetensors(file, sd, metadata):
    """safetensors by hand: u64 LE header length, JSON header, then the raw LE bytes."""
    header = collections.OrderedDict()
    if metadata:
        header["__metadata__"] = metadata
    blobs, offset = [], 0
    for name, t in sd.items():
        data = t.detach().contiguous().flatten().view(torch.uint8).numpy().tobytes() \
            if t.dtype != torch.bool else t.to(torch.uint8).numpy().tobytes()
        header[name] = {"dtype": SAFETENSORS_NAMES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(file, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def write_archive(file, entries):
    """A zip laid out like torch.save's: STORED entries under one top folder."""
    with zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo("archive/" + name, date_time=FIXED_TIME)
            z.writestr(info, data)


class CraftedStorage:
    """Stands for a storage in a hand-made pickle: becomes ('storage', type, key, 'cpu', numel)."""

    def __init__(self, storage_type, key, numel):
        self.storage_type, self.key, self.numel = storage_type, key, numel


class CraftedTensor:
    """Pickles as torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())."""

    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, size, stride

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2,
                (self.storage, self.offset, tuple(self.size), tuple(self.stride), False,
                 collections.OrderedDict()))


class CraftingPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, CraftedStorage):
            return ("storage", obj.storage_type, obj.key, "cpu", obj.numel)
        return None


def crafted_pickle(obj):
    buffer = io.BytesIO()
    CraftingPickler(buffer, protocol=2).dump(obj)
    return buffer.getvalue()


def crafted_checkpoint(file, tensors, storages, byteorder=b"little"):
    """tensors: name -> CraftedTensor; storages: key -> raw bytes of the data/<key> entry."""
    entries = [("data.pkl", crafted_pickle({"model": collections.OrderedDict(tensors)}))]
    if byteorder is not None:
        entries.append(("byteorder", byteorder))
    entries += [("data/" + key, data) for key, data in storages.items()]
    entries.append(("version", b"3\n"))
    write_archive(file, entries)


def main():
    expected = collections.OrderedDict()
    if os.path.exists(path("expected.json")):
        with open(path("expected.json")) as f:
            expected = json.load(f, object_pairs_hook=collections.OrderedDict)
    if torch.__version__.startswith("1."):
        write_torch1_fixtures(expected)
    else:
        write_torch2_fixtures(expected)
    with open(path("expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    for name in sorted(os.listdir(HERE)):
        size = os.path.getsize(path(name))
        assert size < 50_000, (name, size)


def write_torch2_fixtures(expected):
    from safetensors.torch import save_file

    sd = mixed_state_dict()
    torch.save({"model": sd, "epoch": 3}, path("wrapped_torch2.pth"))
    expected["wrapped_torch2.pth"] = expected_entry(sd)
    official = collections.OrderedDict((k, v.detach().contiguous().clone()) for k, v in sd.items())
    save_file(official, path("official.safetensors"), metadata={"format": "pt"})
    # the library orders tensors by dtype alignment and name; record the order it chose
    with open(path("official.safetensors"), "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length), object_pairs_hook=collections.OrderedDict)
    order = [name for name in header if name != "__metadata__"]
    expected["official.safetensors"] = expected_entry(collections.OrderedDict((k, official[k]) for k in order))


def write_torch1_fixtures(expected):

    # 1. What released checkpoints look like: {"model": state_dict} plus plain extras.
    sd = mixed_state_dict()
    torch.save({"model": sd, "epoch": 3, "best_acc": 76.1}, path("wrapped.pth"))
    expected["wrapped.pth"] = expected_entry(sd)

    # 2. A bare state dict.
    bare = collections.OrderedDict((k, sd[k]) for k in ["layers.0.mixer.in_proj.weight", "half", "steps"])
    torch.save(bare, path("bare.pth"))
    expected["bare.pth"] = expected_entry(bare)

    # 3. Both "model" and "model_ema": "model" wins, as in the released Vim/DeiT files.
    ema = collections.OrderedDict(x=torch.tensor([9.0]))
    torch.save({"model": bare, "model_ema": ema, "epoch": 9}, path("model_and_ema.pth"))
    expected["model_and_ema.pth"] = expected_entry(bare)

    # 4. Two anonymous state dicts: ambiguous, must be refused unless an entry is named.
    torch.save({"student": bare, "teacher": ema}, path("ambiguous.pth"))
    expected["ambiguous.pth#teacher"] = expected_entry(ema)

    # 5. safetensors, written by hand, with metadata.
    st = collections.OrderedDict((k, sd[k].detach().contiguous()) for k in
                                 ["layers.0.mixer.in_proj.weight", "half", "brain", "double",
                                  "steps", "ints", "bytes", "mask", "num_batches_tracked"])
    write_safetensors(path("weights.safetensors"), st, {"format": "pt", "arch": "test"})
    expected["weights.safetensors"] = expected_entry(st)

    # 6. A hand-crafted but valid archive (with a byteorder entry, as torch >= 2.1 writes):
    #    checks the crafting below; torch itself must read it back.
    values = torch.arange(6, dtype=torch.float32) - 2.5
    crafted = {"w": CraftedTensor(CraftedStorage(torch.FloatStorage, "0", 6), 1, [2, 2], [1, 2])}
    crafted_checkpoint(path("crafted_ok.pth"), crafted, {"0": values.numpy().tobytes()})
    check = torch.load(path("crafted_ok.pth"))["model"]["w"]
    assert torch.equal(check, values[1:].as_strided((2, 2), (1, 2))), check
    expected["crafted_ok.pth"] = expected_entry({"w": check})

    # --- files that must be refused -------------------------------------------------------
    # 7. GLOBAL os.system + REDUCE: in Python this would run a shell command. Raw opcodes.
    evil = (b"\x80\x02" + b"cos\nsystem\n" + b"X\x0b\x00\x00\x00echo pwned" + b"\x85" + b"R" + b".")
    write_archive(path("evil_os_system.pth"), [("data.pkl", evil), ("version", b"3\n")])
    # 8. Protocol 4 STACK_GLOBAL builtins.eval.
    evil4 = (b"\x80\x04" + b"\x8c\x08builtins" + b"\x8c\x04eval" + b"\x93" + b"\x8c\x031+1" + b"\x85R.")
    write_archive(path("evil_stack_global.pth"), [("data.pkl", evil4), ("version", b"3\n")])
    # 9. A training checkpoint with argparse.Namespace in "args".
    torch.save({"model": bare, "args": argparse.Namespace(lr=0.1)}, path("with_args.pth"))
    # 10. Truncated: the first half of wrapped.pth.
    with open(path("wrapped.pth"), "rb") as f:
        whole = f.read()
    with open(path("truncated.pth"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    # 11. The pickle claims 1000 floats, the storage entry holds 4 bytes.
    crafted_checkpoint(path("short_storage.pth"),
                       {"w": CraftedTensor(CraftedStorage(torch.FloatStorage, "0", 1000), 0, [1000], [1])},
                       {"0": b"\x00\x00\x80\x3f"})
    # 12. A huge shape over a tiny storage (2^40 x 2^40 floats); numel consistent with the claim.
    crafted_checkpoint(path("huge_shape.pth"),
                       {"w": CraftedTensor(CraftedStorage(torch.FloatStorage, "0", 1 << 40), 0,
                                           [1 << 40, 1 << 40], [1 << 40, 1])},
                       {"0": b"\x00\x00\x80\x3f"})
    # 13. A view reaching past the end of its (honest) storage: 4 floats, view of 3 from offset 2.
    crafted_checkpoint(path("view_past_end.pth"),
                       {"w": CraftedTensor(CraftedStorage(torch.FloatStorage, "0", 4), 2, [3], [1])},
                       {"0": values.numpy().tobytes()[:16]})
    # 14. A storage entry the pickle refers to but the archive lacks.
    crafted_checkpoint(path("missing_storage.pth"),
                       {"w": CraftedTensor(CraftedStorage(torch.FloatStorage, "7", 1), 0, [1], [1])},
                       {"0": b"\x00\x00\x80\x3f"})
    # 15. The legacy (pre-1.6, non-zip) format.
    torch.save(bare, path("legacy.pth"), _use_new_zipfile_serialization=False)


if __name__ == "__main__":
    main()
