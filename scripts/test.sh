#!/usr/bin/env bash
# Builds and runs every test: the one command CI runs (.ci/run calls it).
# Stages, with their cost on 2 cores: format check (seconds); g++ RelWithDebInfo build and
# tests (~4 min); clang-14 ASan+UBSan build and tests (~5 min).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

started=$SECONDS
stage() { echo; echo "=== $1 (at $((SECONDS - started)) s)"; }

stage "format check (clang-format, .clang-format)"
bash scripts/check-format.sh

stage "clang-14 with AddressSanitizer + UndefinedBehaviorSanitizer: build and test"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

stage "g++ RelWithDebInfo: build and test"
cmake --preset default >/dev/null
cmake --build --preset default
ctest --preset default

