#!/usr/bin/env python3
"""Prints what test/E2E/ops/save_npy_csv.nabla wrote, read with Python alone:
the dtype, shape and values of the .npy files and the lines of the CSV
files."""
import ast
import struct


def npy(path):
    data = open(path, "rb").read()
    assert data[:6] == b"\x93NUMPY", path
    n = struct.unpack("<H", data[8:10])[0]
    header = ast.literal_eval(data[10:10 + n].decode("latin1"))
    assert not header["fortran_order"]
    fmt = {"<f8": "d", "<f4": "f", "<i4": "i", "<i8": "q"}[header["descr"]]
    count = 1
    for d in header["shape"]:
        count *= d
    values = struct.unpack("<%d%s" % (count, fmt), data[10 + n:])
    print(path, header["descr"], header["shape"], list(values))


for f in ["m.npy", "ids.npy"]:
    npy(f)
for f in ["m.csv", "v.csv", "k.csv"]:
    print(f, open(f).read().splitlines())
