#!/usr/bin/env bash
# The main job: build examples/fashion_mlp.nabla into an executable (again
# only when the example, the standard library or the compiler changed),
# then train the Fashion-MNIST MLP with it (5 epochs with Adam by default;
# options go to the program, e.g. `make run ARGS="--epochs=1
# --optimizer=sgdm"`), print what it learned and save the model.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=$(realpath -m "${NABLA_BUILD_DIR:-$ROOT/build}")
EXE="$BUILD_DIR/example/fashion_mlp"
mkdir -p "$BUILD_DIR/example"
cd "$BUILD_DIR/example"
if [[ ! -x "$EXE" ]] || [[ -n "$(find "$ROOT/examples/fashion_mlp.nabla" \
    "$ROOT/stdlib" "$BUILD_DIR/bin/nabla" "$BUILD_DIR/lib" -newer "$EXE" \
    -print -quit)" ]]; then
  echo "== nabla build examples/fashion_mlp.nabla -o $EXE"
  "$BUILD_DIR/bin/nabla" build "$ROOT/examples/fashion_mlp.nabla" -o "$EXE"
fi
echo "== $EXE $*"
"$EXE" "$@"
echo "(the model is in $BUILD_DIR/example/fashion_mlp.safetensors)"
