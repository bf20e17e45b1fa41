#!/usr/bin/env python3
"""Writes the .npy files test/E2E/ops/load_npy.nabla reads, byte by byte as
NumPy writes them (format 1.0, little-endian, C order), without NumPy.

    python3 write_npy.py DIR
"""
import os
import struct
import sys


def npy(path, descr, shape, values, fmt, fortran=False, version=1):
    dims = ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "")
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (
        descr, "True" if fortran else "False", dims)
    prefix = 10 if version == 1 else 12
    pad = 64 - (prefix + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    length = struct.pack("<H", len(header)) if version == 1 else struct.pack(
        "<I", len(header))
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY" + bytes([version, 0]) + length)
        f.write(header.encode("latin1"))
        f.write(struct.pack("<%d%s" % (len(values), fmt), *values))


def main():
    out = sys.argv[1]
    j = lambda name: os.path.join(out, name)
    npy(j("f64.npy"), "<f8", [2, 3], [0.1, -2.5, 3.0, 1e-300, 7.25, -0.0], "d")
    npy(j("f32.npy"), "<f4", [4], [1.5, -2.0, 0.25, 3.0], "f", version=2)
    npy(j("i32.npy"), "<i4", [2, 2], [1, -2, 3, 2147483647], "i")
    npy(j("i64.npy"), "<i8", [3], [5, -6, 1 << 40], "q")
    npy(j("u8.npy"), "|u1", [3], [0, 128, 255], "B")
    npy(j("fortran.npy"), "<f4", [2, 2], [1, 2, 3, 4], "f", fortran=True)
    with open(j("cut.npy"), "wb") as f:  # the header promises 24 bytes
        data = open(j("f64.npy"), "rb").read()
        f.write(data[:-10])


if __name__ == "__main__":
    main()
