#!/usr/bin/env bash
# Builds and runs every test: the one command CI runs (.ci/run calls it).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

stage() { echo; echo "=== $1 ($(date +%T))"; }

stage "format check (clang-format, .clang-format)"
bash scripts/check-format.sh

stage "build and test: default preset (g++, RelWithDebInfo)"
cmake --preset default >/dev/null
cmake --build --preset default
ctest --preset default
