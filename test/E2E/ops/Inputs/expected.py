#!/usr/bin/env python3
"""Expected outputs of the E2E op tests, computed independently in Python.

The CHECK lines of most test/E2E/ops/*.nabla files were generated from the
functions below (f64 math; f32 results are rounded to f32 before printing
like the runtime, with '%.6g' and a '.0' added to integral floats). Random
numbers come from a Python Philox-4x32-10 that reproduces the Random123
known-answer vectors. Run

    python3 test/E2E/ops/Inputs/expected.py

to recompute every expected line and compare it with the CHECK lines of the
test files; it prints the differences and exits 1 if there are any. Output
lines that would change when an f32 result moves by one ulp are reported as
fragile: such inputs should be changed.
"""
import math
import os
import re
import struct
import sys

# ---- Printing like the runtime, and small tensor helpers (nested lists) ----

def f32(x):
    """Round a Python float to the nearest f32."""
    if isinstance(x, list):
        return [f32(e) for e in x]
    if math.isnan(x) or math.isinf(x):
        return x
    return struct.unpack('f', struct.pack('f', x))[0]

def _g(v):
    s = '%.6g' % v
    if not re.search(r'[.e]', s):
        s += '.0'
    return s

def _next32(v, up):
    b = struct.unpack('I', struct.pack('f', v))[0]
    if v == 0.0:
        return 1.4e-45 if up else -1.4e-45
    if (v > 0) == up:
        b += 1
    else:
        b -= 1
    return struct.unpack('f', struct.pack('I', b))[0]

FRAGILE = []

def fmt_float(v, bits=64, ulps=1):
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    if bits == 32:
        v = f32(v)
        s = _g(v)
        lo = hi = v
        for _ in range(ulps):
            lo = _next32(lo, False); hi = _next32(hi, True)
        # A result an ulp off (libm, fused ops) must print the same.
        if v != 0.0 and (_g(lo) != s or _g(hi) != s):
            FRAGILE.append((v, s, _g(lo), _g(hi)))
        return s
    s = _g(v)
    if v != 0.0 and (_g(v * (1 + 4e-16)) != s or _g(v * (1 - 4e-16)) != s):
        FRAGILE.append((v, s))
    return s

def fmt(x, kind='f32'):
    """kind: f32, f64, int, bool."""
    if isinstance(x, (list, tuple)):
        return '[' + ', '.join(fmt(e, kind) for e in x) + ']'
    if kind == 'bool':
        return 'true' if x else 'false'
    if kind == 'int':
        return str(int(x))
    return fmt_float(float(x), 32 if kind == 'f32' else 64)

def check_lines(lines):
    """CHECK lines matching each expected output line exactly (how the test
    files' CHECK lines were written)."""
    out = []
    for l in lines:
        esc = re.sub(r'\[(?=\[)', r'{{\\[}}', l)
        esc = esc.replace('{{\\[}}', '\0').replace('{{', '{{\\{\\{}}').replace('\0', '{{\\[}}')
        out.append('# CHECK: {{^}}' + esc + '{{$}}')
    return out

# ---- small tensor helpers (nested lists) ----
def shape(x):
    s = []
    while isinstance(x, list):
        s.append(len(x)); x = x[0] if x else None
    return s

def full(shp, v):
    if not shp:
        return v
    return [full(shp[1:], v) for _ in range(shp[0])]

def bcast(x, shp):
    while len(shape(x)) < len(shp):
        x = [x]
    return _bc(x, shp)

def _bc(x, shp):
    if not shp:
        return x
    if len(x) == 1 and shp[0] != 1:
        return [_bc(x[0], shp[1:]) for _ in range(shp[0])]
    return [_bc(e, shp[1:]) for e in x]

def ew(f, *xs):
    """f applied elementwise with NumPy broadcasting."""
    shp = []
    for x in xs:
        sx = shape(x)
        n = max(len(shp), len(sx))
        a = [1] * (n - len(shp)) + shp
        b = [1] * (n - len(sx)) + sx
        shp = [max(p, q) if 1 in (p, q) else p for p, q in zip(a, b)]
    bs = [bcast(x, shp) for x in xs]
    def rec(*ys):
        if isinstance(ys[0], list):
            return [rec(*zs) for zs in zip(*ys)]
        return f(*ys)
    return rec(*bs)

def flat(x):
    if isinstance(x, list):
        r = []
        for e in x:
            r += flat(e)
        return r
    return [x]

def reshape(x, shp):
    f = flat(x)
    def build(i, s):
        if not s:
            return f[i], i + 1
        out = []
        for _ in range(s[0]):
            v, i = build(i, s[1:]); out.append(v)
        return out, i
    return build(0, shp)[0]

def transpose(x, perm=None):
    s = shape(x)
    if perm is None:
        perm = list(reversed(range(len(s))))
    ns = [s[p] for p in perm]
    def get(y, idx):
        for i in idx:
            y = y[i]
        return y
    def build(prefix, d):
        if d == len(ns):
            idx = [0] * len(s)
            for k, p in enumerate(perm):
                idx[p] = prefix[k]
            return get(x, idx)
        return [build(prefix + [i], d + 1) for i in range(ns[d])]
    return build([], 0)

def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


# ---- Philox-4x32-10, as lowered in RandomPatterns.cpp ----

MASK32 = 0xFFFFFFFF
MASK64 = (1 << 64) - 1


def philox(ctr, k0, k1):
    """The Philox-4x32-10 block function on four 32-bit words."""
    c = list(ctr)
    for r in range(10):
        if r > 0:
            k0 = (k0 + 0x9E3779B9) & MASK32
            k1 = (k1 + 0xBB67AE85) & MASK32
        p0 = 0xD2511F53 * c[0]
        p1 = 0xCD9E8D57 * c[2]
        c = [((p1 >> 32) ^ c[1] ^ k0) & MASK32, p1 & MASK32,
             ((p0 >> 32) ^ c[3] ^ k1) & MASK32, p0 & MASK32]
    return c


# Random123's known-answer vectors for philox4x32-10.
assert philox([0, 0, 0, 0], 0, 0) == [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
assert philox([MASK32] * 4, MASK32, MASK32) == [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]
assert philox([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], 0xa4093822, 0x299f31d0) == \
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]


def split(key, data):
    """split(key, data) = fold_in: the block at (lo(data), hi(data), 1, 0)."""
    key &= MASK64
    data &= MASK64
    w = philox([data & MASK32, data >> 32, 1, 0], key & MASK32, key >> 32)
    return w[0] | (w[1] << 32)


def _block(key, i):
    key &= MASK64
    return philox([i & MASK32, i >> 32, 0, 0], key & MASK32, key >> 32)


def uniform(key, n):
    """Element i: (w0 >> 8) * 2^-24, exact in f32."""
    return [(_block(key, i)[0] >> 8) * 2.0 ** -24 for i in range(n)]


def normal(key, n):
    """Box-Muller on u1 = ((w0 >> 8) + 1) * 2^-24 and u2 = (w1 >> 8) * 2^-24."""
    out = []
    for i in range(n):
        w = _block(key, i)
        u1 = ((w[0] >> 8) + 1) * 2.0 ** -24
        u2 = (w[1] >> 8) * 2.0 ** -24
        out.append(math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2))
    return out


def expected_arith():
    a = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    b = [10.0, 20.0, 30.0]
    c = [[100.0], [200.0]]
    add = lambda p, q: p + q
    sub = lambda p, q: p - q
    mul = lambda p, q: p * q
    def pyfmod(p, q):
        return p - math.floor(p / q) * q
    def cdiv(p, q):
        return int(p / q)
    def cmod(p, q):
        return p - cdiv(p, q) * q
    v = [1.0, 2.0]
    v = ew(add, v, 1.0)
    v = ew(mul, v, [2.0, 3.0])
    v = ew(sub, v, 0.5)
    v = ew(lambda p, q: p / q, v, 2.0)
    x3 = reshape(list(range(6)), [2, 1, 3])
    EXPECTED = [
        'add ' + fmt(ew(add, a, b)),
        'sub ' + fmt(ew(sub, a, c)),
        'mul ' + fmt(ew(add, ew(mul, a, c), b)),
        'div ' + fmt(ew(lambda p, q: p / q, a, 4.0)),
        'rsub ' + fmt(ew(sub, 2.0, a)),
        'col_row ' + fmt(ew(mul, c, [[1.0, 0.5, 0.25]])),
        'pow ' + ' '.join([fmt(ew(lambda p: p ** 2, a)), fmt(2.0 ** -1.0), fmt(-(2.0 ** 2.0)),
                           fmt([4.0 ** 0.5, 9.0 ** 0.5])]),
        'neg ' + fmt(ew(lambda p: -p, a)),
        'fmod ' + fmt(ew(pyfmod, [7.5, -7.5, 7.5, -7.5], [2.0, 2.0, -2.0, -2.0])),
        'idiv ' + fmt(ew(cdiv, [7, -7, 7, -7], [2, 2, -2, -2]), 'int'),
        'imod ' + fmt(ew(cmod, [7, -7, 7, -7], [2, 2, -2, -2]), 'int'),
        'i32 ' + ' '.join([fmt(cdiv(7, 2), 'int'), fmt(cmod(7, 3), 'int'), fmt(-7, 'int'),
                           fmt([7 * k - 1 for k in (1, 2, 3)], 'int')]),
        'f64 ' + ' '.join([fmt(1.5 * 3.0, 'f64'), fmt(1.5 / 3.0, 'f64'), fmt([1.25, -1.5], 'f64'),
                           fmt(1.5 ** 3, 'f64')]),
        'rank3 ' + fmt(ew(add, x3, reshape([0, 1], [2, 1])), 'int'),
        'compound ' + fmt(v),
        'third ' + ' '.join([fmt(f32(1.0) / f32(3.0)), fmt(1.0 / 3.0, 'f64'),
                             fmt(f32(f32(f32(2.0) / f32(3.0)) * f32(3.0e6)))]),
    ]
    return EXPECTED


def expected_compare_logic():
    x = [1.0, 2.0, 3.0]
    y = [3.0, 2.0, 1.0]
    B = lambda v: fmt(v, 'bool')
    i = [1, 2, 3]
    p = [True, True, False, False]
    q = [True, False, True, False]
    EXPECTED = [
        'f== ' + B(ew(lambda a, b: a == b, x, y)) + ' f!= ' + B(ew(lambda a, b: a != b, x, y)),
        'f< ' + B(ew(lambda a, b: a < b, x, y)) + ' f<= ' + B(ew(lambda a, b: a <= b, x, y)),
        'f> ' + B(ew(lambda a, b: a > b, x, y)) + ' f>= ' + B(ew(lambda a, b: a >= b, x, y)),
        'i ' + ' '.join(B([f(v, 2) for v in i]) for f in (
            lambda a, b: a == b, lambda a, b: a != b, lambda a, b: a < b,
            lambda a, b: a <= b, lambda a, b: a > b, lambda a, b: a >= b)),
        'i32 ' + B([v >= 2 for v in i]) + ' ' + B([[2 < 1], [2 < 3]]),
        'nan false true false false true',
        'logic ' + B(ew(lambda a, b: a and b, p, q)) + ' ' + B(ew(lambda a, b: a or b, p, q)) + ' ' +
            B([not v for v in p]),
        'bool== ' + B(ew(lambda a, b: a == b, p, q)) + ' ' + B(ew(lambda a, b: a != b, p, q)),
        'bcast ' + B(p) + ' ' + B(ew(lambda a, b: a or b, [[True], [False]], [False, True])),
        'mixed ' + B([(a > 1.5 and b > 1.5) or not (a == b) for a, b in zip(x, y)]),
        'f64 ' + B([v <= 2.0 for v in x]),
    ]
    return EXPECTED


def expected_unary_math():
    t = f32([0.0, 0.75, 1.0, -1.0, 2.5])
    m = lambda f, xs: [f(v) for v in xs]
    sig = lambda v: 1.0 / (1.0 + math.exp(-v))
    def sign(v):
        return 1 if v > 0 else (-1 if v < 0 else v)
    def rne(v):
        return math.copysign(float(round(v)), v)
    F = fmt
    D = lambda v: fmt(v, 'f64')
    I = lambda v: fmt(v, 'int')
    d = [0.5, 2.0]
    EXPECTED = [
        'exp ' + F(m(math.exp, t)),
        'log ' + F(m(math.log, f32([1.0, 2.0, 0.5, 4.0]))),
        'tanh ' + F(m(math.tanh, t)),
        'sigmoid ' + F(m(sig, t)) + ' ' + F(m(sig, [-20.0, 20.0])),
        'sqrt ' + F(m(math.sqrt, [4.0, 2.0, 0.25])) + ' rsqrt ' + F(m(lambda v: 1 / math.sqrt(v), [4.0, 2.0, 0.25])),
        'sin ' + F(m(math.sin, t)) + ' cos ' + F(m(math.cos, t)),
        'floor ' + F(m(math.floor, [1.5, -1.5, 2.0, -0.25, 0.75])),
        'round ' + F(m(rne, [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6, 3.5])),
        'abs ' + F([1.5, 2.0, 0.0]) + ' ' + I([3, 4, 0]) + ' ' + I([7]),
        'sign ' + F(m(sign, [-2.5, 0.0, 3.0])) + ' ' + I(m(sign, [-5, 0, 7])) + ' ' + I([-1, 1]),
        'relu ' + F([[0.0, 0.0], [2.0, 0.0]]),
        'f64 ' + ' '.join([D(m(math.exp, d)), D(m(math.log, d)), D(m(math.tanh, d)), D(m(sig, d))]),
        'f64 ' + ' '.join([D(m(math.sqrt, d)), D(m(lambda v: 1 / math.sqrt(v), d)), D(m(math.sin, d)), D(m(math.cos, d))]),
        'f64 ' + ' '.join([D(-3.0), D([2.0, 4.0]), D(4.0)]),
        'f64 ' + ' '.join([D(-1.0), D([0.0, 1.0])]),
        'literal ' + F(math.e) + ' ' + F(math.sqrt(2)),
    ]
    return EXPECTED


def expected_activations():
    t = f32([-3.5, -2.0, 0.0, 0.25, 0.5])
    m = lambda f, xs: [f(v) for v in xs]
    softplus = lambda v: max(v, 0.0) + math.log1p(math.exp(-abs(v)))
    gelu = lambda v: 0.5 * v * math.erfc(-v / math.sqrt(2))
    gelu_tanh = lambda v: 0.5 * v * (1 + math.tanh(
        math.sqrt(2 / math.pi) * (v + 0.044715 * v ** 3)))
    leaky = lambda s: (lambda v: v if v > 0 else s * v)
    elu = lambda a: (lambda v: v if v > 0 else a * math.expm1(v))
    F = fmt
    EXPECTED = [
        'softplus ' + F(m(softplus, t)) + ' ' + F(m(softplus, [-30.0, 30.0])),
        'gelu ' + F(m(gelu, t)) + ' tanh ' + F(m(gelu_tanh, t)),
        'leaky_relu ' + F(m(leaky(0.01), t)) + ' ' + F(m(leaky(f32(0.2)), t)),
        'elu ' + F(m(elu(1.0), t)) + ' ' + F(m(elu(0.5), t)),
        'log1p ' + F(m(math.log1p, [0.0, 0.75, 2.5, -0.5])) + ' expm1 ' + F(m(math.expm1, t)),
        'erf ' + F(m(math.erf, t)),
        'pow ' + F([1.0, math.sqrt(2.0), 0.25]) + ' ' + F(m(lambda v: 2.0 ** (v / 2), t)),
        'named ' + F(m(leaky(f32(0.2)), t)) + ' ' + F(m(elu(0.5), t)) + ' ' + F(m(gelu_tanh, t)),
        'tree ' + F(m(softplus, [0.0, 1.0])) + ' ' + F(m(softplus, [2.0])),
        'f64 log1p true expm1 true softplus true gelu true tanh true erf true',
    ]
    return EXPECTED


def expected_select_minmax():
    x = [1.0, 2.0, 3.0]
    y = [3.0, 2.0, 1.0]
    EXPECTED = [
        'max ' + fmt(ew(max, x, y)) + ' ' + fmt(ew(max, x, 2.0)) + ' ' + fmt(ew(max, [[0.0], [5.0]], x)),
        'min ' + fmt(ew(min, x, y)) + ' ' + fmt(ew(min, 2.5, x)) + ' ' + fmt(ew(min, [[0.0], [5.0]], x)),
        'int ' + fmt([3, 5], 'int') + ' ' + fmt([1, 3], 'int'),
        'nan nan nan',
        'where ' + fmt([0.0, 2.0, 3.0]) + ' ' + fmt([x, y]),
        'where_int ' + fmt([1, -1, 3], 'int'),
        'where_bool ' + fmt([a > 1.5 if a < 2.5 else True for a in x], 'bool'),
        'f64 ' + fmt([1.0, 20.0, 30.0], 'f64') + ' ' + fmt([2.5, 2.5, 3.0], 'f64'),
    ]
    return EXPECTED


def expected_reductions():
    x = [[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]]
    t = reshape(list(range(24)), [2, 3, 4])
    i = [[3, -1], [7, 2]]
    d = [[0.1, 0.2], [0.3, 0.4]]
    col = lambda m, j: [r[j] for r in m]
    def argmax(v):
        best = 0
        for k, e in enumerate(v):
            if e > v[best]:
                best = k
        return best
    I = lambda v: fmt(v, 'int')
    EXPECTED = [
        'sum ' + ' '.join([fmt(sum(flat(x))), fmt([sum(col(x, j)) for j in range(3)]),
                          fmt([sum(r) for r in x]), fmt([[sum(r)] for r in x])]),
        'mean ' + ' '.join([fmt(sum(flat(x)) / 6), fmt([sum(col(x, j)) / 2 for j in range(3)]),
                           fmt([[sum(r) / 3] for r in x])]),
        'mean_all_keep ' + fmt([[sum(flat(x)) / 6]]),
        'max ' + ' '.join([fmt(max(flat(x))), fmt([max(col(x, j)) for j in range(3)]),
                          fmt([[max(r)] for r in x])]),
        'min ' + ' '.join([fmt(min(flat(x))), fmt([min(r) for r in x]), fmt(min(flat(x)))]),
        'sum3 ' + I([sum(t[a][j][k] for a in range(2) for k in range(4)) for j in range(3)]) + ' ' +
            I([[[sum(t[a][j][k] for j in range(3)) for k in range(4)]] for a in range(2)]),
        'max3 ' + I([max(flat(t[a])) for a in range(2)]) + ' ' +
            I([[min(t[0][j][k], t[1][j][k]) for k in range(4)] for j in range(3)]),
        'i32 ' + ' '.join([I(sum(flat(i))), I([sum(col(i, j)) for j in range(2)]), I(max(flat(i))),
                          I([min(r) for r in i])]),
        'neg ' + fmt(-2.0) + ' ' + I(-9) + ' ' + fmt(0.0),
        'f64 ' + ' '.join([fmt(sum(flat(d)), 'f64'), fmt([(0.1 + 0.3) / 2, (0.2 + 0.4) / 2], 'f64'),
                          fmt((2.0 + 3.0 + 4.5) / 3, 'f64')]),
        'argmax ' + ' '.join([I([argmax(r) for r in x]), I([argmax(col(x, j)) for j in range(3)]),
                             I([[argmax(r)] for r in x])]),
        'ties ' + ' '.join([I(argmax([1.0, 3.0, 3.0, 2.0])), I([argmax(r) for r in [[2, 2], [1, 5]]]),
                           I(argmax([-1.0, -1.0]))]),
        'argmax3 ' + I([[argmax([-t[a][j][k] for j in range(3)]) for k in range(4)] for a in range(2)]) + ' ' +
            I([[[argmax([t[0][j][k], t[1][j][k]]) for k in range(4)] for j in range(3)]]),
        'dynamic ' + fmt([4.0, 4.0, 4.0]) + ' ' + fmt(1.0) + ' ' + fmt(0.0),
    ]
    return EXPECTED


def expected_shapes():
    x = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    t = reshape(list(range(24)), [2, 3, 4])
    I = lambda v: fmt(v, 'int')
    def take0(a, idx):
        if isinstance(idx, list):
            return [take0(a, k) for k in idx]
        return a[idx]
    def one_hot(l, d):
        if isinstance(l, list):
            return [one_hot(k, d) for k in l]
        return [1.0 if j == l else 0.0 for j in range(d)]
    EXPECTED = [
        'reshape ' + fmt(reshape(x, [3, 2])) + ' ' + fmt(flat(x)),
        'reshape ' + fmt(reshape(x, [6, 1])) + ' ' + fmt([x]) + ' ' + fmt(7.0),
        'transpose ' + fmt(transpose(x)) + ' ' + I(transpose(reshape(list(range(6)), [1, 2, 3]), [2, 0, 1])),
        'transpose3 ' + I(transpose(t)[3]) + ' ' + I(transpose(t, [1, 0, 2])[2]),
        'concat0 ' + fmt(x + [[7.0, 8.0, 9.0]]),
        'concat1 ' + fmt([x[0] + [0.0] + x[0], x[1] + [1.0] + x[1]]),
        'concat_i ' + I([1, 2, 3]) + ' ' + fmt([True, False], 'bool'),
        'concat_dyn ' + fmt([[0.0] * 3] * 2 + x) + ' ' + fmt([r + [1.0] * 3 for r in x]),
        'take ' + fmt(take0(x, [1, 0, 1])) + ' ' + fmt([[r[2], r[0]] for r in x]),
        'take2d ' + I(take0([10, 20, 30], [[0, 2], [1, 1]])) + ' ' + fmt(take0(x, [[1], [0]])),
        'one_hot ' + fmt(one_hot([0, 2, 1], 3)) + ' ' + fmt(one_hot([[1], [0]], 2)),
        'dim ' + ' '.join(I(v) for v in [2, 3, 3, 2]),
    ]
    return EXPECTED


def expected_indexing():
    v = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    x = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    def clamp_window(s, size=2, n=6):
        s = max(0, min(s, n - size))
        return v[s:s + size]
    EXPECTED = [
        'const ' + ' '.join(fmt(e) for e in [v[2], v[-1], v[1:4], v[:2], v[4:], v[-2:]]),
        'rows ' + ' '.join(fmt(e) for e in [x[1], x[0][2], x[-1][-1], [r[1] for r in x],
                                            [r[1:3] for r in x], x[0:1]]),
        'runtime ' + ' '.join(fmt(e) for e in [v[3], x[1], x[1][2], v[3:5], x[0:1]]),
        'window ' + ' '.join(fmt(clamp_window(s)) for s in [0, 4, 3]),
        'clamped ' + ' '.join(fmt(e) for e in [clamp_window(5), clamp_window(-3), clamp_window(6)]),
        'i32 ' + fmt(v[1]) + ' ' + fmt(x[1][1]),
        'dynamic ' + fmt([[1.0] * 3] * 2) + ' ' + fmt([[1.0] * 2]) + ' ' + fmt([1.0] * 3),
    ]
    return EXPECTED


def expected_softmax():
    def softmax(v):
        m = max(v); e = [math.exp(a - m) for a in v]; s = sum(e)
        return [a / s for a in e]
    def log_softmax(v):
        m = max(v); s = sum(math.exp(a - m) for a in v)
        return [a - m - math.log(s) for a in v]
    x = [[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]
    cols = lambda m: transpose(m)
    d = [[0.5, -0.5], [3.0, 0.0]]
    EXPECTED = [
        'softmax ' + fmt([softmax(r) for r in x]),
        'row_sums ' + fmt([1.0, 1.0]) + ' ' + fmt([True, True], 'bool'),
        'axis0 ' + fmt(transpose([softmax(c) for c in cols(x)])),
        'log_softmax ' + fmt([log_softmax(r) for r in x]),
        'log_axis0 ' + fmt(transpose([log_softmax(c) for c in cols(x)])),
        'big ' + fmt(softmax([1000.0, 1001.0, 1002.0])) + ' ' + fmt(log_softmax([1000.0, 1001.0, 1002.0])),
        'far ' + fmt(log_softmax([-1000.0, 0.0])) + ' ' + fmt(softmax([-1000.0, 0.0])),
        'f64 ' + fmt([softmax(r) for r in d], 'f64') + ' ' + fmt(transpose([log_softmax(c) for c in cols(d)]), 'f64'),
    ]
    return EXPECTED


def expected_matmul():
    a = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    v = [1.0, -1.0]
    w = [1.0, 0.0, 2.0]
    col = lambda u: [[e] for e in u]
    row = lambda u: [u]
    mv = lambda m, u: [r[0] for r in matmul(m, col(u))]
    vm = lambda u, m: matmul(row(u), m)[0]
    b3 = reshape(list(range(12)), [2, 2, 3])
    c3 = reshape(list(range(12)), [2, 3, 2])
    bmm = lambda p, q: [matmul(p[s], q[s]) for s in range(len(p))]
    I = lambda z: fmt(z, 'int')
    D = lambda z: fmt(z, 'f64')
    at = transpose(a)
    EXPECTED = [
        'mv ' + fmt(mv(a, v)) + ' vm ' + fmt(vm(w, a)) + ' vv ' + fmt(sum(p * q for p, q in zip(v, v))),
        'mm ' + fmt(matmul(a, at)),
        'tm ' + fmt(matmul(at, a)) + ' ' + fmt(matmul(at, a)),
        'rect ' + fmt(matmul(a, [[1.0, 0.0, 2.0, -1.0], [0.5, 1.0, 0.0, 3.0]])),
        'batch_i64 ' + I(bmm(b3, c3)),
        'batch_f32 ' + fmt(bmm(b3, c3)),
        'batch_t ' + fmt(bmm(b3, [transpose(m) for m in b3])),
        'f64 ' + ' '.join([D(mv(a, v)), D(matmul(at, a)), D(vm(w, a)), D(2.0)]),
        'f64_batch ' + D(bmm(b3, c3)),
        'i32 ' + I(mv(a, v)) + ' ' + I(11) + ' ' + I([[11]]),
        'dynamic ' + fmt([0.0] * 4) + ' ' + fmt([[4.0, 4.0], [4.0, 4.0]]) + ' ' + fmt([4.0] * 3),
    ]
    return EXPECTED


def expected_construction():
    I = lambda v: fmt(v, 'int')
    EXPECTED = [
        'zeros ' + fmt([[0.0] * 3] * 2) + ' ' + fmt([0.0] * 3) + ' ' + fmt(0.0),
        'ones ' + fmt([1.0] * 2) + ' ' + fmt([[1.0] * 2] * 3),
        'full ' + ' '.join([I([[7, 7], [7, 7]]), fmt([0.5] * 3), fmt([2.5] * 2, 'f64'),
                           fmt([[True, True]], 'bool'), I(-3)]),
        'full_i32 ' + I([8, 8]),
        'like ' + ' '.join([I([[0, 0]]), fmt([1.0, 1.0]), fmt(0.0, 'f64'), fmt([True], 'bool')]),
        'like_dyn ' + fmt([[1.0, 1.0]] * 3),
        'arange ' + ' '.join([I(list(range(5))), I(list(range(3))), I(list(range(4))), I([0]), '[]']),
    ]
    return EXPECTED


def expected_casts():
    x = f32([-1.7, -0.5, 0.0, 0.5, 2.9])
    I = lambda v: fmt(v, 'int')
    B = lambda v: fmt(v, 'bool')
    D = lambda v: fmt(v, 'f64')
    trunc = lambda v: int(v)
    def wrap32(v):
        v &= 0xFFFFFFFF
        return v - (1 << 32) if v >= 1 << 31 else v
    EXPECTED = [
        'from_f32 ' + ' '.join([D(x), I([trunc(v) for v in x]), I([trunc(v) for v in x]), B([v != 0 for v in x])]),
        'roundtrip ' + fmt([float(trunc(v)) for v in x]) + ' ' + B([True] * 5),
        'from_i64 ' + ' '.join([fmt([-2.0, 0.0, 3.0]), D([-2.0, 0.0, 3.0]), I([-2, 0, 3]), B([True, False, True])]),
        'from_i32 ' + ' '.join([fmt([7.0, -8.0]), D([7.0, -8.0]), I([7 * 3000000000, -8 * 3000000000]), B([True, True])]),
        'from_bool ' + ' '.join([fmt([1.0, 0.0]), D([1.0, 0.0]), I([1, 0]), I([1, 0]), B([True, False])]),
        'mask ' + I([1 if v > 0 else 0 for v in x]) + ' ' + fmt([v if v < 0 else 0.0 for v in x]),
        'nan true false',
        'wrap ' + I(wrap32(3000000000)) + ' true',
        'f32_of_i64 ' + fmt(3e9) + ' ' + D(3e9) + ' ' + I(int(f32(1e15))),
        # f32(0.1) is not the f64 0.1; the literal in f64(0.1) is an f32 already.
        'narrow ' + fmt(f32(0.1)) + ' ' + B(f32(0.1) == 0.1) + ' true ' + fmt(f32(16777217.0)) + ' ' +
            B(f32(16777217.0) == 16777217.0),
    ]
    return EXPECTED


def expected_random():
    N0 = normal(7, 4)
    N1 = normal(split(1, 5), 10000)
    m = sum(N1) / len(N1)
    sd = math.sqrt(sum((v - m) ** 2 for v in N1) / len(N1))
    def U(v):
        # Uniform values are multiples of 2^-24, computed exactly: never
        # fragile.
        text = fmt(v)
        FRAGILE.clear()
        return text
    a = uniform(0, 4)
    EXPECTED = [
        'uniform ' + U(a),
        'same_key true',
        'split ' + U(uniform(split(0, 1), 3)) + ' ' + U(uniform(split(0, 2), 3)),
        'split_differ true',
        'nested ' + U(uniform(split(split(5, 1), 2), 2)),
        'row_major ' + fmt([[True, True], [True, True]], 'bool'),
        'dynamic ' + fmt([True] * 4, 'bool'),
        'var_key ' + U(uniform(split(9, 0), 1)),
        'normal_close ' + fmt([[True, True], [True, True]], 'bool'),
        'normal_same ' + fmt([True] * 4, 'bool'),
        'normal_stats true true',
        'normal_ref true true',
        'uniform_stats true true true',
        'loop_keys 6',
    ]
    assert abs(m) < 0.04 and abs(sd - 1) < 0.04
    u = uniform(3, 10000)
    assert abs(sum(u) / len(u) - 0.5) < 0.012
    return EXPECTED


def expected_control_flow():
    def collatz(n):
        s = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            s += 1
        return s
    n = collatz(6)
    table = [[float(i * 10 + j) for j in range(3)] for i in range(3)]
    x = [1.0, 2.0]
    k = 0
    while sum(x) < 100.0:
        x = [2 * e for e in x]; k += 1
    I = lambda v: fmt(v, 'int')
    EXPECTED = [
        'if 1 -1 0',
        'while ' + ' '.join(I(collatz(v)) for v in (27, 1, 6)),
        'for ' + I(n) + ' ' + fmt(float(sum(range(n)))),
        'zero_trips 5',
        'nested ' + fmt(table),
        'i32_range ' + I(sum(range(4))),
        # The dominant eigenvector of [[2, 1], [1, 2]]; zero steps keep [1, 0].
        'power ' + fmt([0.5 ** 0.5, 0.5 ** 0.5]) + ' ' + fmt([1.0, 0.0]),
        'tensor_while ' + fmt(x) + ' ' + I(k),
    ]
    return EXPECTED


def expected_symbolic_dims():
    EXPECTED = [
        'total ' + fmt(3.0 * 2) + ' ' + fmt(10.0 * 4),
        'total_dyn ' + fmt(9.0) + ' ' + fmt(0.0),
        'weighted ' + fmt([1 + 30.0, 2 + 40.0]) + ' ' + fmt([2.0, 2.0]),
        'weighted_dyn ' + fmt([1.5, 1.5]),
        'outer ' + fmt([[1.0, 10.0, 100.0], [2.0, 20.0, 200.0]]) + ' ' + fmt([[6.0]]),
        'square ' + fmt(1 + 2 * 3 + 3 * 2 + 16 + 2.0) + ' ' + fmt(4.0 + 1),
        'pad ' + fmt([[1.0, 1.0]] * 3) + ' ' + fmt([[2.0, 3.0, 4.0]]),
    ]
    return EXPECTED


def optim_iterates():
    """STDLIB.md A.1 and A.6 on f = x^2 from x0 = 1 (see optim.nabla)."""
    def sgd(lr, wd, x=1.0):
        out = []
        for _ in range(3):
            x = x - lr * (2 * x + wd * x)
            out.append(x)
        return out

    def adam(lr, wd=0.0, b1=0.9, b2=0.999, eps=1e-8, x=1.0):
        m = v = 0.0
        out = []
        for t in range(1, 4):
            g = 2 * x + wd * x
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            x = x - lr * (m / (1 - b1 ** t)) / (math.sqrt(v / (1 - b2 ** t)) + eps)
            out.append(x)
        return out
    return {'sgd': sgd(0.1, 0.0), 'sgd_wd': sgd(0.1, 0.1),
            'adam': adam(0.1), 'adam_wd': adam(0.1, 0.1)}


def check_lines_of(path):
    """The expected output lines written as CHECK lines in a test file."""
    lines = []
    for line in open(path):
        m = re.match(r'# CHECK: \{\{\^\}\}(.*)\{\{\$\}\}$', line.rstrip('\n'))
        if m:
            lines.append(m.group(1).replace('{{\\[}}', '['))
    return lines


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    failed = False
    for name, fn in sorted(globals().items()):
        if not name.startswith('expected_'):
            continue
        test = name[len('expected_'):]
        want = fn()
        got = check_lines_of(os.path.join(here, '..', test + '.nabla'))
        if want != got:
            failed = True
            print('%s.nabla: CHECK lines differ from the reference' % test)
            for w, g in zip(want, got):
                if w != g:
                    print('  reference:', w)
                    print('  CHECK:    ', g)
            if len(want) != len(got):
                print('  %d reference lines, %d CHECK lines' % (len(want), len(got)))
        if FRAGILE:
            print('%s.nabla: fragile f32 values: %s' % (test, FRAGILE))
            FRAGILE.clear()
    for k, v in optim_iterates().items():
        print('optim %-8s %s' % (k, ', '.join('%.9g' % x for x in v)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
