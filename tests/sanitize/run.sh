#!/usr/bin/env bash
# Sanitizer stages (issue 9), one command each:
#   tests/sanitize/run.sh asan   headless Debug -O1 build with ASan + UBSan + LSan; runs every registered
#                                test: tests/core/* (scenario, protocol, metrics, report, gateway, engine)
#                                and tests/app (tst_cli drives the stampede binary end to end)
#   tests/sanitize/run.sh tsan   the engine library and tests/core/engine only, under ThreadSanitizer, with
#                                the happens-before bridge for Qt (tests/support/tsanbridge.cpp), then
#                                the canary that proves planted races are still reported
#   tests/sanitize/run.sh debug  the asserting debug build (Debug, Q_ASSERT live, no sanitizer) of the
#                                GUI tests, which the ASan build leaves out (its own Debug build asserts
#                                in every non-GUI test)
#   tests/sanitize/run.sh all    asan and tsan (the default)
# Builds only the targets the selected tests need (the test executables, and stampede for tst_cli),
# never the benches (the GUI only in the debug stage). Exits non-zero on a test failure or on any
# sanitizer report: the presets write reports to build/<preset>/sanitizer-logs/, which must stay empty.
# STAMPEDE_JOBS=N sets the build and test parallelism (default: nproc). ccache is used when present.
set -uo pipefail
cd "$(dirname "$0")/../.."

export TZ="${TZ:-UTC}"
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  export XDG_RUNTIME_DIR="/tmp/stampede-runtime-$(id -u)"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi
jobs="${STAMPEDE_JOBS:-$(nproc)}"
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

say() { printf 'sanitize: %s\n' "$*"; }

# stage PRESET: configure, build the tests the test preset selects, run them, look for reports.
stage() {
  local preset="$1" dir="build/$1" t0 t1 t2 rc=0
  t0=$(date +%s)
  cmake --preset "$preset" "${launcher[@]}" >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; say "$preset: configure FAILED"; return 1; }
  # Test names are target names (cmake/StampedeTest.cmake), or a target's name and a variant suffix
  # (tst_layout_2x: tst_layout again under QT_SCALE_FACTOR=2); the preset's filter picks them.
  local targets
  targets=$(ctest --preset "$preset" -N | sed -n 's/^ *Test *#[0-9]*: *//p' | sed 's/_2x$//' | sort -u)
  [ -n "$targets" ] || { say "$preset: no tests selected"; return 1; }
  # shellcheck disable=SC2086
  cmake --build --preset "$preset" -j "$jobs" --target $targets \
    || { say "$preset: build FAILED after $(( $(date +%s) - t0 )) s"; return 1; }
  t1=$(date +%s)
  say "$preset: configure + build $(( t1 - t0 )) s ($(echo $targets | wc -w) test targets)"

  rm -rf "$dir/sanitizer-logs" && mkdir -p "$dir/sanitizer-logs"
  ctest --preset "$preset" -j "$jobs" || rc=1
  t2=$(date +%s)
  local reports
  reports=$(find "$dir/sanitizer-logs" -type f | sort)
  if [ -n "$reports" ]; then
    for f in $reports; do say "report $f:"; cat "$f"; done
    say "$preset: $(echo "$reports" | wc -l) sanitizer report(s) in $dir/sanitizer-logs"
    rc=1
  fi
  say "$preset: tests $(( t2 - t1 )) s, stage $(( t2 - t0 )) s: $([ $rc -eq 0 ] && echo clean || echo FAILED)"
  return $rc
}

# The tsan stage's canary: the happens-before bridge for Qt (tests/support/tsanbridge.cpp) must
# leave real races visible. Two planted races must each be reported; the handed-off value must not.
canary() {
  local dir=build/tsan logs=build/tsan/canary-logs rc=0 mode code n want
  cmake --build --preset tsan -j "$jobs" --target tsancanary >/dev/null \
    || { say "tsan canary: build FAILED"; return 1; }
  rm -rf "$logs" && mkdir -p "$logs"
  for mode in shared afteremit handoff; do
    TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp halt_on_error=0 exitcode=66 log_path=$logs/$mode" \
      timeout 60 "$dir/tests/support/tsancanary" "$mode"
    code=$?
    n=$(cat "$logs/$mode".* 2>/dev/null | grep -c '^WARNING: ThreadSanitizer: data race')
    want=$([ "$mode" = handoff ] && echo "exit 0, 0 reports" || echo "exit 66, 1 report")
    if [ "$want" = "exit $code, $n report$([ "$n" = 1 ] || echo s)" ]; then
      say "tsan canary $mode: $want, as it must"
    else
      say "tsan canary $mode: exit $code, $n report(s); wanted $want"
      cat "$logs/$mode".* 2>/dev/null
      rc=1
    fi
  done
  return $rc
}

case "${1:-all}" in
  asan) stage asan ;;
  tsan) rc=0; stage tsan || rc=1; canary || rc=1; exit $rc ;;
  debug) stage debug ;;
  all) rc=0; stage asan || rc=1; stage tsan || rc=1; canary || rc=1; exit $rc ;;
  *) echo "usage: $0 [asan|tsan|debug|all]" >&2; exit 2 ;;
esac
