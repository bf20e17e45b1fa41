#!/usr/bin/env python3
"""Benchmarks Nabla against PyTorch on the CPU, in one run on this machine:
the Fashion-MNIST MLP of examples/fashion_mlp.nabla trained with Nabla AOT
(`nabla build`), Nabla JIT (`nabla run`) and PyTorch (same shapes, Adam,
batch 128, epochs), and GEMM GFLOP/s of Nabla's matrix-product path against
OpenBLAS called directly. Prints a table; the ratios are what to read.

    python3 bench/run.py [--epochs 5] [--build-dir build]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, env=None):
    """Runs `cmd`, returns (stdout, seconds, peak RSS in MiB, first-line time)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    first_line = None
    lines = []
    for line in proc.stdout:
        if first_line is None:
            first_line = time.perf_counter() - start
        lines.append(line)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{''.join(lines)}{err}")
    return "".join(lines), seconds, usage.ru_maxrss / 1024.0, first_line


def epochs_of(output):
    """(steps/s of the last epoch, test accuracy of the last epoch)."""
    rows = re.findall(r"epoch (\d+) .*test accuracy ([0-9.e+-]+) steps/s ([0-9.e+-]+)", output)
    if not rows:
        sys.exit("bench: no epoch lines in:\n" + output)
    # The first epoch includes warm-up; report the mean of the others.
    rates = [float(r[2]) for r in rows]
    steady = rates[1:] if len(rates) > 1 else rates
    return sum(steady) / len(steady), float(rows[-1][1])


def gemm_rates(output):
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"gemm (\S+) GFLOP/s ([0-9.e+-]+)", output)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    p.add_argument("--skip-torch", action="store_true")
    a = p.parse_args()
    nabla = os.path.join(a.build_dir, "bin", "nabla")
    example = os.path.join(ROOT, "examples", "fashion_mlp.nabla")
    work = tempfile.mkdtemp(prefix="nabla-bench-")
    os.chdir(work)

    rows = []
    start = time.perf_counter()
    run([nabla, "build", example, "-o", os.path.join(work, "mlp")])
    compile_aot = time.perf_counter() - start
    out, _, rss, _ = run([os.path.join(work, "mlp"), f"--epochs={a.epochs}"])
    aot_rate, aot_acc = epochs_of(out)
    rows.append(("Nabla AOT", aot_rate, compile_aot, rss, aot_acc))

    # For the JIT, "compile s" is the time from invocation until training
    # starts (the program's first line, printed after loading the data).
    out, _, rss, first = run([nabla, "run", example, "--", f"--epochs={a.epochs}"])
    jit_rate, jit_acc = epochs_of(out)
    rows.append(("Nabla JIT", jit_rate, first, rss, jit_acc))

    torch_rate = None
    if not a.skip_torch:
        out, _, rss, _ = run(["/usr/bin/python3", os.path.join(ROOT, "bench", "mlp_torch.py"),
                              f"--epochs={a.epochs}", "--threads=2"])
        torch_rate, torch_acc = epochs_of(out)
        rows.append(("PyTorch CPU (2 threads)", torch_rate, 0.0, rss, torch_acc))

    print(f"\nFashion-MNIST MLP 784-256-256-10, Adam, batch 128, {a.epochs} epochs, {os.cpu_count()} cores")
    print(f"{'':26} {'steps/s':>9} {'vs PyTorch':>10} {'compile s':>9} {'peak MiB':>9} {'test acc':>9}")
    for name, rate, comp, rss, acc in rows:
        ratio = f"{rate / torch_rate:.2f}x" if torch_rate else "-"
        print(f"{name:26} {rate:9.1f} {ratio:>10} {comp:9.2f} {rss:9.0f} {acc:9.4f}")

    # GEMM: Nabla's matrix-product path against OpenBLAS called directly.
    run([nabla, "build", os.path.join(ROOT, "bench", "gemm.nabla"), "-o", "gemm"])
    run(["clang-22", "-O2", os.path.join(ROOT, "bench", "sgemm_openblas.c"), "-o", "sgemm", "-lopenblas"])
    # The VM's speed drifts: run both three times, alternating, and keep
    # the best rate of each.
    ours, theirs = {}, {}
    for _ in range(3):
        for shape, rate in gemm_rates(run(["./gemm"])[0]).items():
            ours[shape] = max(rate, ours.get(shape, 0.0))
        for shape, rate in gemm_rates(run(["./sgemm"])[0]).items():
            theirs[shape] = max(rate, theirs.get(shape, 0.0))
    print(f"\n{'sgemm M x K x N':26} {'Nabla':>9} {'OpenBLAS':>9} {'ratio':>9}   (GFLOP/s, best of 3)")
    for shape, rate in ours.items():
        ref = theirs.get(shape)
        print(f"{shape:26} {rate:9.1f} {ref:9.1f} {rate / ref:8.0%}")


if __name__ == "__main__":
    main()
