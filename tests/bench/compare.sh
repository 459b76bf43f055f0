#!/usr/bin/env bash
# Peer benchmark: Stampede (curl and qt transports) against wrk, hey, h2load and Locust on the same
# servers on 127.0.0.1, in one command. Prints Markdown tables for docs/benchmarks.md:
#   1. ceiling: a static chat completion from nginx, closed loop, 50 connections (HTTP/1.1, h2c);
#   2. streaming: nginx SSE (TTFT 150 ms, 20 chunks 50 ms apart, end 1,100 ms) at N streams in flight;
#   3. honesty: 1,000 req/s against stampserver.c (100 ms), each client's percentiles minus the
#      server's own, timed by the server itself.
# Usage: bash tests/bench/compare.sh [--smoke]
#   --smoke or COMPARE_SMOKE=1: one run of 1-2 s per cell, 50 streams (~35 s, for CI).
#   STAMPEDE_BIN=path: use that binary instead of building build/bench.
#   COMPARE_PIN=0: do not pin (default: the server on the last core, the clients on the others).
#   COMPARE_KEEP=1: keep the scratch directory (every client's log and summary).
#   COMPARE_ONLY=ceiling,streaming,honesty: run only these tables (default: all three).
# A peer that is missing or fails shows "n/a" and a note; the exit status is 0 if Stampede ran.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
cd "$bench_root"

smoke="${COMPARE_SMOKE:-0}"
[ "${1:-}" = "--smoke" ] && smoke=1
if [ "$smoke" = 1 ]; then
  runs=1 ceil_s=1 stream_s=2 levels="50" h2c_level=50 honest_s=1 rate=1000
else
  runs=3 ceil_s=10 stream_s=10 levels="500 2000 5000" h2c_level=5000 honest_s=10 rate=1000
fi

bench_env
bench_install wrk:wrk hey:hey h2load:nghttp2-client locust:python3-locust nginx:nginx-light python3:python3 cc:gcc \
  /usr/lib/nginx/modules/ngx_http_echo_module.so:libnginx-mod-http-echo ||
  echo "compare.sh: apt-get failed; tools that are missing will show n/a" >&2

bin="${STAMPEDE_BIN:-}"
if [ -z "$bin" ]; then
  bench_build stampede
  bin="$bench_root/build/bench/stampede"
fi
[ -x "$bin" ] || { echo "compare.sh: no stampede binary at $bin" >&2; exit 1; }

# 5,000 streams need 5,000 descriptors in the client and as many in nginx.
hard="$(ulimit -Hn)"
[ "$hard" = unlimited ] && hard=65536
ulimit -n "$hard" 2>/dev/null || true
[ "$(ulimit -n)" -ge 12000 ] || echo "compare.sh: ulimit -n is $(ulimit -n); 5,000 streams may fail" >&2

tmp="$(mktemp -d)"
results="$tmp/results.jsonl"
pids=() honest_pid=""
cleanup() {
  for p in "${pids[@]}" $honest_pid; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${COMPARE_KEEP:-0}" = 1 ]; then echo "compare.sh: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Pinning: on this kind of machine a run varies by tens of percent when client and server share cores.
cores="$(nproc)"
client=() server=() pinning="none"
if [ "${COMPARE_PIN:-1}" = 1 ] && [ "$cores" -ge 2 ] && command -v taskset >/dev/null; then
  span=0
  [ "$cores" -gt 2 ] && span="0-$((cores - 2))"
  client=(taskset -c "$span") server=(taskset -c "$((cores - 1))")
  pinning="server on CPU $((cores - 1)), clients on CPU $span"
fi
client_threads=$((cores > 1 ? cores - 1 : 1))

# --- servers ----------------------------------------------------------------------------------
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# started PID NAME PORT...: waits for the ports, then checks that our server PID is alive (a port held by
# something else would otherwise pass for it).
started() {
  local pid=$1 name=$2 port
  shift 2
  for port in "$@"; do wait_port "$port" || break; done
  kill -0 "$pid" 2>/dev/null && port_busy "$port" && return 0
  echo "compare.sh: $name did not start: $(head -3 "$tmp/$name.err" 2>/dev/null)" >&2
  return 1
}
for port in 18090 18091 18092 18093 18094; do
  ! port_busy "$port" || { echo "compare.sh: 127.0.0.1:$port is already in use; stop what holds it" >&2; exit 1; }
done
mkdir -p "$tmp/nginx/tmp"
"${server[@]}" nginx -p "$tmp/nginx" -c "$here/nginx-compare.conf" 2>"$tmp/nginx.err" &
nginx_pid=$!
pids+=("$nginx_pid")
started "$nginx_pid" nginx 18090 18091 18092 18093 || exit 1
stampserver=""
if cc -O2 -o "$tmp/stampserver" "$here/stampserver.c" 2>"$tmp/cc.err"; then
  stampserver="$tmp/stampserver"
else
  echo "compare.sh: stampserver.c did not compile: $(cat "$tmp/cc.err")" >&2
fi

# --- one cell = one client run --------------------------------------------------------------------
n=0
# measure TABLE ROW KIND ARTIFACT TIMEOUT_S SERVER_PID COMMAND... (EXPECT_TRANSPORT from the environment)
measure() {
  local table=$1 row=$2 kind=$3 artifact=$4 timeout=$5 spid=$6
  shift 6
  n=$((n + 1))
  python3 "$here/compare.py" run --results "$results" --table "$table" --row "$row" --kind "$kind" \
    --log "$tmp/log.$n" --artifact "$artifact" --timeout "$timeout" --server-pid "$spid" \
    --expect-transport "${EXPECT_TRANSPORT:-}" -- "$@"
}
# peer TABLE ROW TOOL KIND ARTIFACT TIMEOUT_S SERVER_PID COMMAND...: n/a when the tool is missing.
peer() {
  if command -v "$3" >/dev/null 2>&1; then
    local t=$1 r=$2 k=$4 a=$5 s=$6 p=$7
    shift 7
    measure "$t" "$r" "$k" "$a" "$s" "$p" "${client[@]}" "$@"
  else
    python3 "$here/compare.py" skip --results "$results" --table "$1" --row "$2" --reason "$3 is not installed"
  fi
}
# stampede TABLE ROW TRANSPORT SCENARIO TIMEOUT_S SERVER_PID
stampede() {
  local out="$tmp/stampede.$((n + 1))"
  mkdir -p "$out"
  EXPECT_TRANSPORT="$3" measure "$1" "$2" stampede "$out/summary.json" "$5" "$6" "${client[@]}" \
    "$bin" run "$4" --quiet --no-preflight --json "$out/summary.json" --out "$out/run" --transport "$3"
}
scenario() { python3 "$here/compare.py" scenario "$@"; }
table() { python3 "$here/compare.py" table --results "$results" "$@"; }

body="$here/chat-body.json"
url1="http://127.0.0.1:18090/v1/chat/completions"
url2="http://127.0.0.1:18091/v1/chat/completions"
scenario --out "$tmp/ceil-h1.json" --url http://127.0.0.1:18090/v1 --vus 50 --duration "${ceil_s}s"
scenario --out "$tmp/ceil-h2c.json" --url http://127.0.0.1:18091/v1 --vus 50 --duration "${ceil_s}s" --h2c

ceiling() {
  local cto=$((ceil_s + 40)) i
  for i in $(seq "$runs"); do
    peer ceil-h1 wrk wrk wrk "" "$cto" "$nginx_pid" \
      wrk -t "$client_threads" -c 50 -d "${ceil_s}s" -s "$here/post.lua" "$url1"
    peer ceil-h1 hey hey hey "" "$cto" "$nginx_pid" \
      hey -z "${ceil_s}s" -c 50 -m POST -T application/json -D "$body" "$url1"
    peer ceil-h1 "Locust FastHttpUser" locust locust "$tmp/locust.$i" "$cto" "$nginx_pid" \
      locust -f "$here/locustfile.py" --headless -u 50 -r 50 -t "${ceil_s}s" --host http://127.0.0.1:18090 \
      --csv "$tmp/locust.$i" --only-summary --loglevel WARNING
    stampede ceil-h1 "stampede curl" curl "$tmp/ceil-h1.json" "$cto" "$nginx_pid"
    stampede ceil-h1 "stampede qt" qt "$tmp/ceil-h1.json" "$cto" "$nginx_pid"
    peer ceil-h2c h2load h2load h2load "" "$cto" "$nginx_pid" \
      h2load -c 50 -m 1 -t "$client_threads" -D "$ceil_s" -d "$body" -H 'content-type: application/json' "$url2"
    stampede ceil-h2c "stampede curl" curl "$tmp/ceil-h2c.json" "$cto" "$nginx_pid"
    stampede ceil-h2c "stampede qt" qt "$tmp/ceil-h2c.json" "$cto" "$nginx_pid"
  done
}

streaming() {
  local sto=$((stream_s + 90)) i level transport
  for level in $levels; do
    scenario --out "$tmp/stream-$level.json" --url http://127.0.0.1:18092/v1 --vus "$level" \
      --duration "${stream_s}s" --stream
  done
  scenario --out "$tmp/stream-h2c.json" --url http://127.0.0.1:18093/v1 --vus "$h2c_level" \
    --duration "${stream_s}s" --stream --h2c
  for i in $(seq "$runs"); do
    for level in $levels; do
      for transport in curl qt; do
        stampede stream "$transport|$level" "$transport" "$tmp/stream-$level.json" "$sto" "$nginx_pid"
      done
    done
    for transport in curl qt; do
      stampede stream "$transport, h2c|$h2c_level" "$transport" "$tmp/stream-h2c.json" "$sto" "$nginx_pid"
    done
  done
}

# The SSE server alone: nginx's echo_sleep timers have millisecond resolution, so its 20 sleeps end a
# little late; this is what one unloaded client at a time sees (curl CLI, median of 5 streams).
sse_reference() {
  command -v curl >/dev/null 2>&1 || { echo "n/a (no curl)"; return; }
  local times i
  times="$(for i in 1 2 3 4 5; do
    curl -sN --max-time 10 -X POST -H 'content-type: application/json' -d @"$body" -o /dev/null \
      -w '%{time_starttransfer} %{time_total}\n' http://127.0.0.1:18092/v1/chat/completions || true
  done)"
  read -r first end < <(python3 "$here/compare.py" median <<<"$times" || echo "n/a n/a")
  echo "first byte $first ms, end $end ms"
}

# honest_cell ROW COMMAND...: a fresh stampserver per run, so its times are this run's.
honest_cell() {
  local row=$1
  shift
  if [ -z "$stampserver" ]; then
    python3 "$here/compare.py" skip --results "$results" --table honesty --row "$row" --reason "no stampserver"
    return
  fi
  rm -f "$tmp/server.json"
  "${server[@]}" "$stampserver" 18094 100 "$tmp/server.json" 2>"$tmp/stampserver.err" &
  honest_pid=$!
  if started "$honest_pid" stampserver 18094; then
    "$@"
    kill -TERM "$honest_pid" 2>/dev/null || true
    wait "$honest_pid" 2>/dev/null || true
    python3 "$here/compare.py" server --results "$results" --stats "$tmp/server.json"
  else
    kill "$honest_pid" 2>/dev/null || true
    wait "$honest_pid" 2>/dev/null || true
    python3 "$here/compare.py" skip --results "$results" --table honesty --row "$row" --reason "stampserver did not start"
  fi
  honest_pid=""
}

honesty() {
  local hto=$((honest_s + 40)) i url3="http://127.0.0.1:18094/v1/chat/completions"
  scenario --out "$tmp/honest.json" --url http://127.0.0.1:18094/v1 --rate "$rate" --duration "${honest_s}s"
  for i in $(seq "$runs"); do
    for transport in curl qt; do
      honest_cell "stampede $transport (open model, $rate/s)" \
        stampede honesty "stampede $transport (open model, $rate/s)" "$transport" "$tmp/honest.json" "$hto" 0
    done
    honest_cell "wrk (closed, -c 100 -t 2)" \
      peer honesty "wrk (closed, -c 100 -t 2)" wrk wrk "" "$hto" 0 \
      wrk -t 2 -c 100 -d "${honest_s}s" --latency -s "$here/post.lua" "$url3"
    honest_cell "hey (-c 100 -q $((rate / 100)))" \
      peer honesty "hey (-c 100 -q $((rate / 100)))" hey hey "" "$hto" 0 \
      hey -z "${honest_s}s" -c 100 -q "$((rate / 100))" -m POST -T application/json -D "$body" "$url3"
  done
}

# --- header ---------------------------------------------------------------------------------------
version() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "not installed"; }
mode="full: median of $runs runs (min–max)"
[ "$smoke" = 1 ] && mode="smoke: 1 run per cell, short cells — figures are indicative only"
echo "## Peer benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "- Machine: $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Linux $(uname -r)"
echo "- Stampede: $("$bin" --version 2>/dev/null | head -1) ($bin)"
echo "- Peers (Debian): wrk $(version wrk), hey $(version hey), h2load (nghttp2-client) $(version nghttp2-client)," \
  "Locust $(version python3-locust); servers: nginx-light $(version nginx-light) with echo module" \
  "$(version libnginx-mod-http-echo), stampserver.c ($(cc --version 2>/dev/null | head -1))"
echo "- Pinning: $pinning; everything on 127.0.0.1; $mode"
echo

want() { [ -z "${COMPARE_ONLY:-}" ] || [[ ",$COMPARE_ONLY," == *",$1,"* ]]; }

if want ceiling; then
ceiling
echo "### Ceiling, HTTP/1.1: static chat completion from nginx, closed loop, 50 connections, ${ceil_s} s"
echo
table --table ceil-h1 --kind ceiling --ratio-to hey
echo
echo "req/s counts successful responses. Client CPU per request is the client's own user+system time (wait4"
echo "rusage) over them; threads are its peak (sampled every 50 ms); server CPU % is nginx's share of one core."
echo "A run with more failures than successes is shown as n/a, with the reason below its table."
echo
echo "### Ceiling, h2c: the same, HTTP/2 over cleartext (h2load -c 50 -m 1; Stampede \"http2\": \"h2c\")"
echo
table --table ceil-h2c --kind ceiling --ratio-to h2load
echo
fi

if want streaming; then
reference="$(sse_reference)"
streaming
echo "### Streaming: SSE from nginx, true TTFT 150 ms, ITL 50 ms, end 1,100 ms; constant-vus, ${stream_s} s"
echo
table --table stream --kind stream --ttft 150 --end 1100
echo
echo "Errors are measured minus true (TTFT − 150 ms, latency − 1,100 ms); streams/s counts successful streams."
echo "The server alone, one stream at a time (curl CLI, median of 5): $reference — nginx's echo_sleep has"
echo "millisecond timers, so part of the end error and of ITL above 50 ms is the server's. nginx allows 128"
echo "streams per h2c connection (http2_max_concurrent_streams). Stampede's percentiles are bucket midpoints of"
echo "its histogram (128 sub-buckets per power of two of µs): steps of 8.2 ms near 1.1 s, 1 ms near 150 ms and"
echo "0.5 ms near 100 ms, so read end errors to ±4 ms and TTFT errors to ±0.5 ms."
echo
fi

if want honesty; then
honesty
echo "### Honesty: $rate req/s against stampserver (answers 100 ms after the request is read, times itself)"
echo
table --table honesty --kind honesty
echo
echo "Server p50/p99 are stampserver's own CLOCK_MONOTONIC times from last request byte read to response"
echo "written, for the same run; client − server is what the client adds (its own queues, syscalls, loopback)."
echo "wrk and hey are closed-loop: 100 connections at 100 ms give ~1,000 req/s, and a slow answer delays the next"
echo "request instead of showing in the latency (coordinated omission); Stampede's p99 from schedule counts that."
fi

echo
echo "Total $((SECONDS / 60)) min $((SECONDS % 60)) s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" \
  "(other work on the machine skews every figure)."
python3 "$here/compare.py" ok --results "$results" || { echo "compare.sh: no Stampede run succeeded" >&2; exit 1; }
