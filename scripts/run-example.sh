#!/usr/bin/env bash
# The main job: train the Fashion-MNIST MLP of examples/fashion_mlp.nabla
# with the JIT (5 epochs by default; options go to the program, e.g.
# `make run ARGS=--epochs=1`), print what it learned and save the model.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=$(realpath -m "${NABLA_BUILD_DIR:-$ROOT/build}")
mkdir -p "$BUILD_DIR/example"
cd "$BUILD_DIR/example"
echo "== nabla run examples/fashion_mlp.nabla -- $*"
"$BUILD_DIR/bin/nabla" run "$ROOT/examples/fashion_mlp.nabla" -- "$@"
echo "(the model is in $BUILD_DIR/example/fashion_mlp.safetensors)"
