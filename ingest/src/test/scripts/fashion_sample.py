"""Writes the bundled Fashion-MNIST sample of module ingest.

The sample holds the first 10 items of each class, in file order, of the Fashion-MNIST test split
(t10k) as installed by Debian package dataset-fashion-mnist, as two gzipped idx files, plus a
provenance note with the original indices. Fashion-MNIST: (c) 2017 Zalando SE, MIT (Expat) licence.
Run: python3 ingest/src/test/scripts/fashion_sample.py
"""
import gzip
import pathlib
import struct

SRC = pathlib.Path("/usr/share/datasets/fashion-mnist")
OUT = pathlib.Path(__file__).parent.parent.parent / "main/resources/io/mambastream/ingest/fashion"
PER_CLASS = 10
LICENSE = """Fashion-MNIST licence (MIT / Expat):

Copyright (c) 2017 Zalando SE, https://tech.zalando.com

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def read(name):
    return gzip.decompress((SRC / name).read_bytes())


def write_gz(name, data):
    # mtime=0 keeps the bytes the same on every run.
    with open(OUT / name, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
        g.write(data)


def main():
    images = read("t10k-images-idx3-ubyte.gz")
    labels = read("t10k-labels-idx1-ubyte.gz")
    chosen = {c: [] for c in range(10)}
    for i, label in enumerate(labels[8:]):
        if len(chosen[label]) < PER_CLASS:
            chosen[label].append(i)
    order = sorted(i for ids in chosen.values() for i in ids)
    n = len(order)
    write_gz("sample-t10k-images-idx3-ubyte.gz",
             struct.pack(">IIII", 0x803, n, 28, 28) + b"".join(images[16 + i * 784:16 + (i + 1) * 784] for i in order))
    write_gz("sample-t10k-labels-idx1-ubyte.gz", struct.pack(">II", 0x801, n) + bytes(labels[8 + i] for i in order))
    (OUT / "sample-provenance.txt").write_text(
        "Bundled Fashion-MNIST sample (written by ingest/src/test/scripts/fashion_sample.py).\n"
        "Source: Fashion-MNIST test split (t10k-*-idx?-ubyte.gz) of Debian package dataset-fashion-mnist,\n"
        "https://github.com/zalandoresearch/fashion-mnist\n"
        "Content: the first 10 items of each class in file order, kept in file order (100 items).\n"
        "Classes 0..9: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.\n"
        "Test-split indices of the sample items, in sample order:\n" + " ".join(map(str, order)) + "\n\n"
        + LICENSE)



if __name__ == "__main__":
    main()
