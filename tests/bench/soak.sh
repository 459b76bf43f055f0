#!/usr/bin/env bash
# Memory over a long run: bash tests/bench/soak.sh [MINUTES=60] [RATE=200]
# Runs the seed's four-model mix (streamed) at RATE req/s against the simulated gateway in a
# separate process, samples the client's RSS and threads every 30 s and, where a C compiler is
# available, glibc's heap statistics (tests/bench/mallinfo_probe.c, preloaded into the client only),
# and prints the samples, the drift and the peak RSS (VmHWM: includes writing the summary at the end).
# Build tree: $STAMPEDE_BUILD_DIR (default build/bench, a Release tree; built if missing).
# The samples are copied to $SOAK_CSV (default /tmp/stampede-soak-rss.csv).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
minutes="${1:-60}"
rate="${2:-200}"
build="${STAMPEDE_BUILD_DIR:-build/bench}"
export TZ=UTC
[ -x "$build/stampede" ] || { cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTAMPEDE_BUILD_GUI=OFF >/dev/null; cmake --build "$build" -j1 --target stampede >/dev/null; }
bin="$(cd "$build" && pwd)/stampede"
tmp="$(mktemp -d)"
scenario="$tmp/soak.json"
python3 - "$root/tests/bench/soak.json" "$scenario" "$minutes" "$rate" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s["load"]["duration"] = f"{int(sys.argv[3])}m"; s["load"]["rate"] = float(sys.argv[4])
json.dump(s, open(sys.argv[2], "w"), ensure_ascii=False)
PY
probe=()
if command -v cc >/dev/null 2>&1 && cc -O2 -shared -fPIC -o "$tmp/mallinfo_probe.so" tests/bench/mallinfo_probe.c -lpthread 2>/dev/null; then
  probe=(env LD_PRELOAD="$tmp/mallinfo_probe.so" STAMPEDE_MALLINFO_OUT="$tmp/heap.csv")
fi
"$bin" gateway --port 18082 >/dev/null 2>&1 & gw=$!
trap 'kill $gw 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/18082) 2>/dev/null && break; sleep 0.1; done
"${probe[@]}" "$bin" run "$scenario" --quiet --out "$tmp/run" --json "$tmp/soak-summary.json" >/dev/null 2>"$tmp/soak.err" & run=$!
echo "minute,rss_mb,threads,heap_in_use_mb,heap_free_mb,mmapped_mb" > "$tmp/rss.csv"
start=$(date +%s)
next=0
hwm=0
while kill -0 "$run" 2>/dev/null; do
  now=$(( $(date +%s) - start ))
  if [ -r "/proc/$run/status" ]; then
    h=$(awk '/VmHWM/{print $2}' "/proc/$run/status" 2>/dev/null || true)
    [ -n "$h" ] && hwm=$h
    if [ "$now" -ge "$next" ]; then
      heap=",,"
      [ -s "$tmp/heap.csv" ] && heap=$(tail -n 1 "$tmp/heap.csv" | cut -d, -f2-4)
      awk -v t="$now" -v heap="$heap" '/VmRSS/{r=$2} /Threads/{th=$2} END{printf "%.1f,%.1f,%d,%s\n", t/60, r/1024, th, heap}' \
        "/proc/$run/status" >> "$tmp/rss.csv" || true
      next=$(( next + 30 ))
    fi
  fi
  sleep 1
done
wait "$run" || true
echo "Soak: ${minutes} min at ${rate} req/s, seed mix streamed, $(nproc) cores — client memory over time"
python3 - "$tmp/rss.csv" "$tmp/soak-summary.json" "$hwm" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
heap = any(r["heap_in_use_mb"] for r in rows)
print("| minute | RSS MB | threads |" + (" heap in use MB | heap free MB | mmapped MB |" if heap else ""))
print("|---|---|---|" + ("---|---|---|" if heap else ""))
step = max(1, len(rows) // 12)
for r in rows[::step] + ([rows[-1]] if rows and (len(rows) - 1) % step else []):
    extra = f" {r['heap_in_use_mb']} | {r['heap_free_mb']} | {r['mmapped_mb']} |" if heap else ""
    print(f"| {float(r['minute']):.1f} | {r['rss_mb']} | {r['threads']} |{extra}")
def mean(rs, key):
    v = [float(r[key]) for r in rs if r[key]]
    return sum(v) / len(v) if v else float("nan")
if len(rows) > 8:
    early, late = rows[2:6], rows[-4:]
    print(f"\nRSS minutes 1-3 mean {mean(early, 'rss_mb'):.1f} MB; last 2 minutes mean {mean(late, 'rss_mb'):.1f} MB")
    if heap:
        print(f"heap in use minutes 1-3 mean {mean(early, 'heap_in_use_mb'):.1f} MB; last 2 minutes mean {mean(late, 'heap_in_use_mb'):.1f} MB")
    # least-squares slope of RSS after the first 5 minutes (warm-up: pools, arenas, connections)
    pts = [(float(r["minute"]), float(r["rss_mb"])) for r in rows if float(r["minute"]) >= 5]
    if len(pts) > 2:
        mx = sum(p[0] for p in pts) / len(pts); my = sum(p[1] for p in pts) / len(pts)
        sxx = sum((p[0] - mx) ** 2 for p in pts)
        if sxx > 0:
            print(f"RSS slope after minute 5: {sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx * 60:.2f} MB/hour")
print(f"peak RSS (VmHWM, incl. writing the summary): {int(sys.argv[3]) / 1024:.1f} MB")
try:
    d = json.load(open(sys.argv[2])); o = d["overall"]
    print(f"requests {o['requests']}, failures {o['failures']}, p95 {o['latency_ms']['p95']:.0f} ms, history seconds {len(d.get('history', []))}")
except Exception as e:
    print("no summary:", e)
PY
cp "$tmp/rss.csv" "${SOAK_CSV:-/tmp/stampede-soak-rss.csv}"
[ -s "$tmp/heap.csv" ] && cp "$tmp/heap.csv" "${SOAK_CSV:-/tmp/stampede-soak-rss.csv}.heap" || true
