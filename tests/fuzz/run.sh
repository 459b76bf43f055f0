#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang, ASan + UBSan, build/fuzz) and runs each for
# SECONDS (default 60) on a temporary copy of its committed corpus, so the repo is never modified.
# Prints one line per target and exits non-zero when any target crashed, leaked, ran out of memory
# or timed out; the reproducer is kept and its path printed. Re-run one with:
#   build/fuzz/tests/fuzz/fuzz_<target> <reproducer>
#
# Usage: tests/fuzz/run.sh [SECONDS]      FUZZ_JOBS=N runs N targets at once (default: nproc, max 4)
set -uo pipefail

seconds="${1:-60}"
case "$seconds" in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
targets=(scenario sse chunk threshold streamevents dataset gatewayrequest)

configure=(cmake --preset fuzz)
if command -v ccache >/dev/null 2>&1; then
    export CCACHE_BASEDIR="$root"
    configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
build_start=$(date +%s)
"${configure[@]}" >/dev/null || { echo "fuzz: configure failed" >&2; exit 1; }
cmake --build build/fuzz -j "$(nproc)" || { echo "fuzz: build failed" >&2; exit 1; }
echo "fuzz: build took $(($(date +%s) - build_start)) s"

work="$(mktemp -d "${TMPDIR:-/tmp}/stampede-fuzz.XXXXXX")"
jobs="${FUZZ_JOBS:-$(nproc)}"
((jobs > ${#targets[@]})) && jobs=${#targets[@]}
((jobs < 1)) && jobs=1
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

run_target() {
    local name="$1" dir="$work/$1"
    mkdir -p "$dir/artifacts"
    cp -r "tests/fuzz/corpus/$name" "$dir/corpus"
    local args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
        -artifact_prefix="$dir/artifacts/")
    [ -f "tests/fuzz/$name.dict" ] && args+=(-dict="tests/fuzz/$name.dict")
    "build/fuzz/tests/fuzz/fuzz_$name" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1
    echo $? >"$dir/rc"
}

run_start=$(date +%s)
running=0
for name in "${targets[@]}"; do
    run_target "$name" &
    if ((++running >= jobs)); then
        wait -n
        ((running--))
    fi
done
wait
echo "fuzz: ran ${#targets[@]} targets for ${seconds} s each, ${jobs} at a time, in $(($(date +%s) - run_start)) s"

failed=0
for name in "${targets[@]}"; do
    dir="$work/$name"
    rc="$(cat "$dir/rc" 2>/dev/null || echo 1)"
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" | grep -o '[0-9]*$')"
    [ -z "$runs" ] && runs="$(grep -o '^#[0-9]*' "$dir/log" | tail -1 | tr -d '#')"
    speed="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$dir/log" | grep -o '[0-9]*$')"
    cov="$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | grep -o '[0-9]*$')"
    artifact="$(find "$dir/artifacts" -type f | head -1)"
    if [ "$rc" = 0 ] && [ -z "$artifact" ]; then
        verdict="ok"
    else
        failed=1
        kind="$(grep -m1 -oE 'ERROR: (libFuzzer: [a-z-]+|AddressSanitizer: [a-z-]+|LeakSanitizer)|runtime error|ALARM: working on the last Unit|fuzz_[a-z]+: .*' "$dir/log")"
        verdict="FAILED (${kind:-exit $rc}) reproducer: ${artifact:-none} log: $dir/log"
    fi
    printf 'fuzz_%-14s runs %-9s exec/s %-6s coverage %-6s crashes %s  %s\n' "$name" "${runs:-?}" "${speed:-?}" \
        "${cov:-?}" "$([ "$verdict" = ok ] && echo 0 || echo 1)" "$verdict"
done

if ((failed)); then
    echo "fuzz: FAILED; logs and reproducers kept in $work" >&2
    exit 1
fi
rm -rf "$work"
exit 0
