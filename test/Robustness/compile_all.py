#!/usr/bin/env python3
"""Runs every Nabla program of the repository through the compiler and fails
on any message that only a compiler bug can produce.

Sources: every .nabla file under test/, examples/ and stdlib/, and every
```nabla code block of docs/*.md. Each goes through `nabla check` and, when
that succeeds, through code generation down to the LLVM dialect
(`nabla emit --stage=llvm`). Diagnostics for wrong programs are expected;
"internal error", an MLIR verifier or pass message about an op, a crash
dump or an LLVM fatal error are not.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

FORBIDDEN = [
    re.compile(r"internal error"),
    re.compile(r"error: '[a-z_0-9]+\.[a-z_0-9.]+' op "),  # verifier/pass on an op
    re.compile(r"see current operation"),
    re.compile(r"PLEASE submit a bug report"),
    re.compile(r"Stack dump"),
    re.compile(r"LLVM ERROR"),
    re.compile(r"Assertion .* failed"),
]


def sources(root):
    for top in ("test", "examples", "stdlib"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            if os.sep + "Output" in dirpath:
                continue
            for f in sorted(files):
                if f.endswith(".nabla"):
                    yield os.path.join(dirpath, f), None
    docs = os.path.join(root, "docs")
    for dirpath, _, files in os.walk(docs):
        for f in sorted(files):
            if not f.endswith(".md"):
                continue
            path = os.path.join(dirpath, f)
            with open(path) as fh:
                text = fh.read()
            for i, m in enumerate(re.finditer(r"```nabla\n(.*?)```", text,
                                              re.S)):
                line = text.count("\n", 0, m.start()) + 2
                yield f"{path}:{line}", m.group(1)


def run(nabla, stdlib, name, text, tmp):
    path = name
    if text is not None:
        path = os.path.join(tmp, re.sub(r"[^A-Za-z0-9_.]", "_", name) +
                            ".nabla")
        with open(path, "w") as fh:
            fh.write(text)
    problems = []
    stages = [["check"], ["emit", "--stage=llvm", "-o", os.devnull]]
    for stage in stages:
        try:
            r = subprocess.run([nabla] + stage + ["--stdlib=" + stdlib, path],
                               capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            problems.append(f"{' '.join(stage)}: timed out")
            break
        out = r.stdout + r.stderr
        for pattern in FORBIDDEN:
            m = pattern.search(out)
            if m:
                start = out.rfind("\n", 0, m.start()) + 1
                end = out.find("\n", m.end())
                problems.append(f"{stage[0]}: {out[start:end]}")
                break
        if r.returncode < 0:
            problems.append(f"{stage[0]}: killed by signal {-r.returncode}")
        if r.returncode != 0:
            break  # a wrong program: nothing to generate
    return name, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nabla", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    stdlib = os.path.join(args.root, "stdlib")
    items = list(sources(args.root))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp, \
            concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, problems in pool.map(
                lambda item: run(args.nabla, stdlib, item[0], item[1], tmp),
                items):
            for p in problems:
                failures += 1
                print(f"FAIL {name}: {p}")
    files = sum(1 for _, text in items if text is None)
    print(f"{len(items)} programs ({files} files, {len(items) - files} doc "
          f"blocks), {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
