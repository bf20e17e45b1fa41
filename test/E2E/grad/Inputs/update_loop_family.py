#!/usr/bin/env python3
"""Generates and runs the family of loop-carried updates of issue-class
"a helper applied to a gradient inside a loop".

Each program updates parameters by a helper applied to a gradient transform
inside a loop, and the same computation written inline (the transform bound
to a name, the helper's body spelt out); both must compile and agree.
Axes: loop (for, while, nested) x transform (grad, value_and_grad,
per_example_grad) -> one program each; inside each program, helper (plain,
generic, optim.clip_grad_value, optim.clip_grad_norm, chained) x update
guarded by `if` or not. Prints one line per program and a summary; exits 1
on any failure.
"""
import argparse
import itertools
import os
import subprocess
import sys

LOOPS = {
    "for": ("for i in 0..4 {", "}"),
    "while": ("var i = 0\n  while i < 4 {", "  i = i + 1\n  }"),
    "nested": ("for j in 0..2 {\n  for i in 0..2 {", "}\n  }"),
}

TRANSFORMS = {
    "grad": "grad(loss)(m, x, y)",
    "value_and_grad": "value_and_grad(loss)(m, x, y).1",
    "per_example_grad": "unflatten(mean(per_example_grad(loss)(m, x, y), axis: 0), m)",
}

# name -> (applied to an expression, inline statements from g to c)
HELPERS = {
    "plain": (lambda e: f"half({e})", "let c = g * 0.5"),
    "generic": (lambda e: f"scale({e})", "let c = g * 0.5"),
    "clip_value": (lambda e: f"optim.clip_grad_value({e}, 0.05)",
                   "let c = maximum(minimum(g, 0.05), -0.05)"),
    "clip_norm": (lambda e: f"optim.clip_grad_norm({e}, 0.1).0",
                  "let n = sqrt(f64(sum(g * g)))\n    var c = g\n"
                  "    if n - n == 0.0 and n > 0.1 { c = g * (0.1 / n) }"),
    "chained": (lambda e: f"half(scale(optim.clip_grad_value({e}, 0.05)))",
                "let c = maximum(minimum(g, 0.05), -0.05) * 0.5 * 0.5"),
}

PRELUDE = """import optim

struct M { w: f32[4, 3]  b: f32[3] }

fn loss(m: M, x: f32[B, 4], y: f32[B, 3]) -> f32 {
  let d = tanh(x @ m.w + m.b) - y
  return mean(d * d)
}

fn half(g: M) -> M { return g * 0.5 }

fn scale[T](g: T) -> T { return g * 0.5 }

fn init() -> M {
  return M { w: [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9], [1.0, -1.1, 1.2]],
             b: [0.05, -0.05, 0.1] }
}
"""


def program(loop, transform):
    open_, close = LOOPS[loop]
    t = TRANSFORMS[transform]
    out = [PRELUDE]
    cases = []
    for helper, guarded in itertools.product(HELPERS, (False, True)):
        apply, inline = HELPERS[helper]
        name = f"{helper}{'_if' if guarded else ''}"
        cases.append(name)
        update = f"m = m - 0.1 * {apply(t)}"
        inline_update = f"let g = {t}\n    {inline}\n    m = m - 0.1 * c"
        if guarded:
            update = f"if i % 2 == 0 {{ {update} }}"
            inline_update = ("if i % 2 == 0 {\n    " + inline_update +
                             "\n    }")
        out.append(f"""
fn helper_{name}(x: f32[8, 4], y: f32[8, 3]) -> M {{
  var m = init()
  {open_}
    {update}
  {close}
  return m
}}

fn inline_{name}(x: f32[8, 4], y: f32[8, 3]) -> M {{
  var m = init()
  {open_}
    {inline_update}
  {close}
  return m
}}
""")
    out.append("fn main() {")
    out.append("  let x = reshape(f32(arange(32)) / 32.0 - 0.5, [8, 4])")
    out.append("  let y = reshape(f32(arange(24)) / 24.0, [8, 3])")
    out.append("  let start = flatten(init())")
    for name in cases:
        out.append(f"  let a_{name} = flatten(helper_{name}(x, y))")
        out.append(f"  let b_{name} = flatten(inline_{name}(x, y))")
        out.append(f'  print("case {name}", max(abs(a_{name} - b_{name})), '
                   f'max(abs(a_{name} - start)))')
    out.append("}")
    return "\n".join(out) + "\n", cases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nabla", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    failures, total, programs = 0, 0, 0
    for loop, transform in itertools.product(LOOPS, TRANSFORMS):
        text, cases = program(loop, transform)
        path = os.path.join(args.out, f"update_{loop}_{transform}.nabla")
        with open(path, "w") as f:
            f.write(text)
        programs += 1
        total += len(cases)
        run = subprocess.run([args.nabla, "run", path], capture_output=True,
                             text=True)
        if run.returncode != 0:
            failures += len(cases)
            print(f"FAIL {path}: exit {run.returncode}\n{run.stderr}")
            continue
        seen = {}
        for line in run.stdout.splitlines():
            parts = line.split()
            if len(parts) == 4 and parts[0] == "case":
                seen[parts[1]] = (float(parts[2]), float(parts[3]))
        bad = []
        for name in cases:
            if name not in seen:
                bad.append(f"{name}: no result")
                continue
            diff, moved = seen[name]
            # Both sides compute the same floating-point operations.
            if not diff <= 1e-6:
                bad.append(f"{name}: helper and inline differ by {diff}")
            if not moved > 1e-4:
                bad.append(f"{name}: the parameters did not move ({moved})")
        failures += len(bad)
        status = "ok" if not bad else "FAIL"
        print(f"{status} {loop} x {transform}: {len(cases)} cases")
        for b in bad:
            print(f"  {b}")
    print(f"{programs} programs, {total} cases, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
