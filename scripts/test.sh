#!/usr/bin/env bash
# Builds and runs every test: the one command CI runs (.ci/run calls it).
# Stages, with their cost on 2 cores: see .ci/run; the costs of a run are printed at its end.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

started=$SECONDS
costs=()
stage_name=""
stage_started=$SECONDS
end_stage() {
    [[ -n $stage_name ]] && costs+=("$((SECONDS - stage_started)) s  $stage_name")
    return 0
}
stage() {
    end_stage
    stage_name=$1
    stage_started=$SECONDS
    echo; echo "=== $1 (at $((SECONDS - started)) s)"
}
report_costs() {
    end_stage
    echo; echo "=== what each stage cost (total $((SECONDS - started)) s)"
    printf '  %s\n' "${costs[@]}"
}
trap report_costs EXIT

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

stage "libFuzzer targets (fuzz preset, clang-14): build, then each target 20 s from its corpus"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
FUZZ_WORK=$(mktemp -d) bash scripts/fuzz.sh all 20
