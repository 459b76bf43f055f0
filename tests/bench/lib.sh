# Shell helpers shared by tests/bench/run.sh and tests/bench/compare.sh. Source it; it sets
# bench_root (the repository) and defines functions only.
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Qt stats /etc/localtime on every response without TZ; the CLI wants a private runtime dir.
bench_env() {
  export TZ=UTC
  export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/stampede-runtime-$(id -u)}"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
}

# bench_install PROBE:PACKAGE... installs from Debian each package whose probe is missing; a probe
# is a command name or an absolute path. apt's chatter goes to stderr, away from the tables.
bench_install() {
  local need=() item probe
  for item in "$@"; do
    probe="${item%%:*}"
    if [ "${probe:0:1}" = / ]; then
      [ -e "$probe" ] || need+=("${item#*:}")
    else
      command -v "$probe" >/dev/null 2>&1 || need+=("${item#*:}")
    fi
  done
  [ "${#need[@]}" -gt 0 ] || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
      "${need[@]}"; } >&2
}

# bench_build TARGET...: the Release tree build/bench (no GUI), quietly.
bench_build() {
  local launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$bench_root" -B "$bench_root/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTAMPEDE_BUILD_GUI=OFF \
    -DSTAMPEDE_BUILD_TESTS=ON "${launcher[@]}" >/dev/null
  cmake --build "$bench_root/build/bench" -j "$(nproc)" --target "$@" >/dev/null
}

# wait_port PORT: until something listens on 127.0.0.1:PORT (10 s at most).
wait_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "port $1 did not open" >&2
  return 1
}
