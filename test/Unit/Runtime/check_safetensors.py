#!/usr/bin/env python3
"""Checks a safetensors file against expected tensors, with no third-party
package: the header is parsed with struct + json, exactly as the format
specifies, and the rules of the reference loader are applied (header start,
contiguous offsets covering the whole data section, byte sizes). If the
`safetensors` package and torch or numpy are available, the file is also
loaded with them.

usage: check_safetensors.py FILE EXPECTED.json
EXPECTED maps tensor names to {"dtype", "shape", "values" (flattened)} and
"__metadata__" to the expected metadata.
"""

import json
import math
import struct
import sys

FORMATS = {"F32": "f", "F64": "d", "I32": "i", "I64": "q", "BOOL": "?",
           "U8": "B", "I8": "b", "I16": "h", "U16": "H", "U32": "I",
           "U64": "Q", "F16": "e"}
SIZES = {"F32": 4, "F64": 8, "I32": 4, "I64": 8, "BOOL": 1, "U8": 1, "I8": 1,
         "I16": 2, "U16": 2, "U32": 4, "U64": 8, "F16": 2, "BF16": 2}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    path, expected_path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        blob = f.read()
    with open(expected_path) as f:
        expected = json.load(f)

    (n,) = struct.unpack("<Q", blob[:8])
    if 8 + n > len(blob):
        fail("header length %d runs past the file (%d bytes)" % (n, len(blob)))
    header_bytes = blob[8:8 + n]
    if not header_bytes.startswith(b"{"):
        fail("header does not start with '{'")
    if (8 + n) % 8 != 0:
        fail("data does not start at a multiple of 8 (header length %d)" % n)
    header = json.loads(header_bytes.decode("utf-8"))
    data = blob[8 + n:]

    metadata = header.pop("__metadata__", {})
    if metadata != expected.get("__metadata__", metadata):
        fail("metadata %r, expected %r" % (metadata, expected["__metadata__"]))

    # The reference loader requires the tensors, sorted by offset, to tile
    # the data section exactly.
    spans = sorted((v["data_offsets"][0], v["data_offsets"][1], k)
                   for k, v in header.items())
    end = 0
    for begin, stop, name in spans:
        if begin != end:
            fail("tensor %r starts at %d, expected %d" % (name, begin, end))
        end = stop
    if end != len(data):
        fail("tensors cover %d bytes of %d" % (end, len(data)))

    names = set(k for k in expected if k != "__metadata__")
    if set(header) != names:
        fail("tensors %s, expected %s" % (sorted(header), sorted(names)))
    for name in sorted(names):
        info, want = header[name], expected[name]
        if info["dtype"] != want["dtype"]:
            fail("%s: dtype %s, expected %s" % (name, info["dtype"], want["dtype"]))
        if info["shape"] != want["shape"]:
            fail("%s: shape %s, expected %s" % (name, info["shape"], want["shape"]))
        begin, stop = info["data_offsets"]
        count = math.prod(info["shape"])
        size = SIZES[info["dtype"]]
        if stop - begin != count * size:
            fail("%s: %d bytes for %d elements" % (name, stop - begin, count))
        if begin % size != 0:
            fail("%s: data at offset %d is not aligned to %d" % (name, begin, size))
        values = list(struct.unpack("<%d%s" % (count, FORMATS[info["dtype"]]),
                                    data[begin:stop]))
        if values != want["values"]:
            fail("%s: values %s, expected %s" % (name, values, want["values"]))

    for framework in ("numpy", "torch"):
        try:
            module = __import__("safetensors." + framework,
                                fromlist=["load_file"])
            loaded = module.load_file(path)
        except ImportError:
            print("safetensors.%s not available: skipped" % framework)
            continue
        for name in names:
            flat = [x.item() for x in loaded[name].reshape(-1)]
            if flat != expected[name]["values"]:
                fail("safetensors.%s: %s: values %s" % (framework, name, flat))
        print("loaded with safetensors.%s" % framework)
    print("ok: %d tensors" % len(names))


if __name__ == "__main__":
    main()
