#!/usr/bin/env bash
# The main job: compile the Fashion-MNIST example. Until the CPU back end
# lands, this type-checks the program and prints it in the nabla dialect.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${NABLA_BUILD_DIR:-build}
example=examples/fashion_mlp.nabla
echo "== nabla check $example"
"$BUILD_DIR/bin/nabla" check "$example"
echo "ok: the program type-checks"
echo "== nabla emit --stage=nabla $example"
"$BUILD_DIR/bin/nabla" emit --stage=nabla "$example"
