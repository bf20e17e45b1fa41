#!/usr/bin/env python3
"""The generated family of run-time index checks (silently clamped indices
were a bug class): every indexing form x every boundary position.

Forms: an index into a vector, a column index of a matrix, a slice
`s .. s + 2`, `take` indices, and a constant index into a dimension whose
size is known only at run time. Positions: the first and last valid ones
(counting from the end for negative indices), one past each end, and far
out. One program holds every case (chosen with --case=N); it is built once
with `nabla build` and run per case. A valid case must print the value
Python computes; an invalid one must exit 1 with a located error naming the
index and the size, and print nothing after it.
"""
import argparse
import os
import re
import subprocess
import sys

X = [10.0, 11.0, 12.0, 13.0, 14.0]
M = [[float(4 * r + c) for c in range(4)] for r in range(3)]


def fmt(v):
    if isinstance(v, list):
        return "[" + ", ".join(fmt(e) for e in v) + "]"
    return f"{v:.1f}"


def cases():
    """(expression, index, expected value or None, error pattern)."""
    out = []
    for i in (-5, -1, 0, 4, 5, -6, 100, -100):
        ok = -5 <= i < 5
        out.append(("x[i]", i, X[i] if ok else None,
                    rf"index {i} is out of range for dimension 0 of size 5"))
    for c in (0, 3, -4, -1, 4, -5):
        ok = -4 <= c < 4
        out.append(("m[1, i]", c, M[1][c] if ok else None,
                    rf"index {c} is out of range for dimension 1 of size 4"))
    for s in (0, 3, 4, -1, 50):
        ok = 0 <= s <= 3
        out.append(("x[i .. i + 2]", s, X[s:s + 2] if ok else None,
                    rf"slice {s}\.\.{s + 2} is out of range for dimension 0 "
                    r"of size 5"))
    for k in (0, 4, 5, -1):
        ok = 0 <= k < 5
        out.append(("take(x, [2, i])", k, [X[2], X[k]] if ok else None,
                    rf"index {k} of 'take' is out of range for dimension 0 "
                    r"of size 5"))
    return out


def program(all_cases):
    lines = ["import args", "", "fn main() {",
             "  let x = [10.0, 11.0, 12.0, 13.0, 14.0]",
             "  let m = [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], "
             "[8.0, 9.0, 10.0, 11.0]]",
             "  let n = dim(x, 0)",
             "  let z = zeros([n]) + 1.0",
             '  let c = args.int("case", 0)',
             '  var i = args.int("i", 0)']
    for number, (expr, _, _, _) in enumerate(all_cases):
        lines.append(f"  if c == {number} {{")
        lines.append(f'    print("value", {expr})')
        lines.append('    print("after")')
        lines.append("  }")
    # A constant index into a dimension known only at run time.
    lines.append(f"  if c == {len(all_cases)} {{ print(\"value\", z[4]) }}")
    lines.append(f"  if c == {len(all_cases) + 1} {{ print(\"value\", z[5]) "
                 "}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nabla", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    all_cases = cases()
    src = os.path.join(args.out, "index_family.nabla")
    with open(src, "w") as f:
        f.write(program(all_cases))
    exe = os.path.join(args.out, "index_family")
    build = subprocess.run([args.nabla, "build", src, "-o", exe],
                           capture_output=True, text=True)
    if build.returncode != 0:
        print("FAIL build\n" + build.stderr)
        sys.exit(1)
    failures = 0
    runs = [(n, c) for n, c in enumerate(all_cases)]
    runs.append((len(all_cases), ("z[4]", None, 1.0, "")))
    runs.append((len(all_cases) + 1,
                 ("z[5]", None, None,
                  r"index 5 is out of range for dimension 0 of size 5")))
    for number, (expr, index, want, error) in runs:
        argv = [exe, f"--case={number}"]
        if index is not None:
            argv.append(f"--i={index}")
        r = subprocess.run(argv, capture_output=True, text=True)
        what = f"{expr} with i = {index}" if index is not None else expr
        if want is not None:
            good = (r.returncode == 0 and
                    r.stdout.splitlines()[:1] == [f"value {fmt(want)}"])
        else:
            good = (r.returncode == 1 and "after" not in r.stdout and
                    re.search(r"index_family\.nabla:\d+:\d+: error: " + error,
                              r.stderr) is not None)
        if not good:
            failures += 1
            print(f"FAIL {what}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    print(f"{len(runs)} cases ({sum(1 for r in runs if r[1][2] is None)} "
          f"out of range), {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
