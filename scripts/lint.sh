#!/usr/bin/env bash
# clang-tidy with the project's checks (.clang-tidy) over the library, the tool, the tests and
# the fuzz targets.
# Uses the `clang` preset's compile_commands.json (configured here if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset clang >/dev/null
mapfile -t files < <(git ls-files -co --exclude-standard -- 'src/*.cpp' 'coro/*.cpp' 'server/*.cpp' \
                     'apps/*.cpp' 'tests/*.cpp' 'fuzz/*.cpp')
jobs=$(nproc)
printf '%s\n' "${files[@]}" |
    xargs -P "$jobs" -n 4 clang-tidy -p build/clang --quiet 2>/dev/null
echo "lint: clang-tidy clean on ${#files[@]} files"
