#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (docs/fuzzing.md).
#   scripts/fuzz.sh <target> [seconds]   one target (e.g. wire_decode), 60 s by default
#   scripts/fuzz.sh all [seconds]        every target, one after the other
#   scripts/fuzz.sh list                 the targets' names
# Each target starts from its seed corpus fuzz/corpus/<target>/ (read only: new inputs go to a
# scratch folder, $FUZZ_WORK/<target>/corpus, default /tmp/mongo-aws-fuzz), with its dictionary
# fuzz/<target>.dict when there is one, at nice 10 (FUZZ_NICE), one process. A crash, leak, UB
# report or broken property leaves its input in $FUZZ_WORK/<target>/ (crash-..., leak-...) and
# makes the script fail (after the other targets ran). Each target's full log is
# $FUZZ_WORK/<target>/fuzz.log; the script prints its final stats line.
# Builds what is missing with the `fuzz` preset (clang-14) into build/fuzz (FUZZ_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 1 ]] || usage
what=$1
seconds=${2:-60}
[[ $seconds =~ ^[0-9]+$ ]] || usage
build_dir=${FUZZ_BUILD_DIR:-build/fuzz}
work=${FUZZ_WORK:-/tmp/mongo-aws-fuzz}

mapfile -t all_targets < <(find fuzz -maxdepth 1 -name 'fuzz_*.cpp' -printf '%f\n' |
                           sed 's/^fuzz_//; s/\.cpp$//' | sort)
if [[ $what == list ]]; then
    printf '%s\n' "${all_targets[@]}"
    exit 0
elif [[ $what == all ]]; then
    targets=("${all_targets[@]}")
elif [[ -f fuzz/fuzz_$what.cpp ]]; then
    targets=("$what")
else
    echo "fuzz.sh: no target '$what' (scripts/fuzz.sh list)" >&2
    exit 2
fi

if [[ ! -f $build_dir/build.ninja ]]; then
    cmake --preset fuzz -B "$build_dir" >/dev/null
fi
binaries=("${targets[@]/#/fuzz_}")
cmake --build "$build_dir" --target "${binaries[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for target in "${targets[@]}"; do
    dir=$work/$target
    mkdir -p "$dir/corpus"
    args=(-max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix="$dir/")
    [[ -f fuzz/$target.dict ]] && args+=(-dict="fuzz/$target.dict")
    echo "fuzz.sh: $target for $seconds s (log: $dir/fuzz.log)"
    status=0
    nice -n "${FUZZ_NICE:-10}" "$build_dir/fuzz/fuzz_$target" "${args[@]}" \
        "$dir/corpus" "fuzz/corpus/$target" >"$dir/fuzz.log" 2>&1 || status=$?
    # libFuzzer's final stats line (`#<runs> DONE cov: ... exec/s: ... rss: ...`) and its
    # closing `Done <runs> runs in <s> second(s)`.
    stats=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$dir/fuzz.log" | tail -n 1 | tr -s '\t ' ' ' || true)
    done_line=$(grep -E '^Done [0-9]+ runs' "$dir/fuzz.log" | tail -n 1 || true)
    executions=$(grep -E '^stat::number_of_executed_units' "$dir/fuzz.log" | awk '{print $2}' || true)
    if [[ $status -ne 0 ]]; then
        failed+=("$target")
        echo "fuzz.sh: $target FAILED (exit $status); its report:"
        grep -E -A 30 '^(==[0-9]+==ERROR|.*runtime error|fuzz property broken|==[0-9]+== ERROR)' \
            "$dir/fuzz.log" | head -n 60 || tail -n 40 "$dir/fuzz.log"
        ls "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* 2>/dev/null || true
    else
        echo "fuzz.sh: $target: ${stats:-no stats line}; ${done_line:-not done}" \
             "(executions: ${executions:-?}, new inputs: $(find "$dir/corpus" -type f | wc -l))"
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz.sh: findings in: ${failed[*]}" >&2
    exit 1
fi
