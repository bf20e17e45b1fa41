"""Prints every tensor of a safetensors file: name, dtype, shape, values.

Used by save.nabla to read back what the runtime wrote, independently of
the runtime. Floats print with repr (shortest round-trip form).
"""
import json
import struct
import sys

FORMATS = {'F32': 'f', 'F64': 'd', 'I32': 'i', 'I64': 'q', 'BOOL': '?'}

with open(sys.argv[1], 'rb') as f:
    data = f.read()
(header_len,) = struct.unpack('<Q', data[:8])
header = json.loads(data[8:8 + header_len])
body = data[8 + header_len:]
for name in sorted(k for k in header if k != '__metadata__'):
    entry = header[name]
    begin, end = entry['data_offsets']
    code = FORMATS[entry['dtype']]
    count = (end - begin) // struct.calcsize(code)
    values = struct.unpack('<%d%s' % (count, code), body[begin:end])
    print(name, entry['dtype'], entry['shape'], list(values))
