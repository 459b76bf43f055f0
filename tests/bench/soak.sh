#!/usr/bin/env bash
# Memory over a long run: bash tests/bench/soak.sh [MINUTES=60] [RATE=200]
# Runs the seed's four-model mix (streamed) at RATE req/s against the simulated gateway in a
# separate process, samples the client's RSS every 30 s, and prints the samples and the drift.
# Expects build/bench from tests/bench/run.sh (builds it if missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
minutes="${1:-60}"
rate="${2:-200}"
export TZ=UTC
[ -x build/bench/stampede ] || { cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTAMPEDE_BUILD_GUI=OFF >/dev/null; cmake --build build/bench --target stampede >/dev/null; }
bin="$root/build/bench/stampede"
tmp="$(mktemp -d)"
scenario="$tmp/soak.json"
python3 - "$root/tests/bench/soak.json" "$scenario" "$minutes" "$rate" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s["load"]["duration"] = f"{int(sys.argv[3])}m"; s["load"]["rate"] = float(sys.argv[4])
json.dump(s, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$bin" gateway --port 18082 >/dev/null 2>&1 & gw=$!
trap 'kill $gw 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/18082) 2>/dev/null && break; sleep 0.1; done
"$bin" run "$scenario" --quiet --json "$tmp/soak-summary.json" >/dev/null 2>"$tmp/soak.err" & run=$!
echo "minute,rss_mb,threads" > "$tmp/rss.csv"
start=$(date +%s)
while kill -0 "$run" 2>/dev/null; do
  if [ -r "/proc/$run/status" ]; then
    now=$(( $(date +%s) - start ))
    awk -v t="$now" '/VmRSS/{r=$2} /Threads/{th=$2} END{printf "%.1f,%.1f,%d\n", t/60, r/1024, th}' "/proc/$run/status" >> "$tmp/rss.csv" || true
  fi
  sleep 30
done
wait "$run" || true
echo "Soak: ${minutes} min at ${rate} req/s, seed mix streamed, $(nproc) cores — client RSS over time"
python3 - "$tmp/rss.csv" "$tmp/soak-summary.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("| minute | RSS MB | threads |"); print("|---|---|---|")
step = max(1, len(rows) // 12)
for r in rows[::step] + ([rows[-1]] if rows and (len(rows) - 1) % step else []):
    print(f"| {float(r['minute']):.1f} | {r['rss_mb']} | {r['threads']} |")
if len(rows) > 4:
    early = [float(r["rss_mb"]) for r in rows[2:6]]; late = [float(r["rss_mb"]) for r in rows[-4:]]
    print(f"\nRSS minutes 1-3 mean {sum(early)/len(early):.1f} MB; last 2 minutes mean {sum(late)/len(late):.1f} MB")
try:
    d = json.load(open(sys.argv[2])); o = d["overall"]
    print(f"requests {o['requests']}, failures {o['failures']}, p95 {o['latency_ms']['p95']:.0f} ms, history seconds {len(d.get('history', []))}")
except Exception as e:
    print("no summary:", e)
PY
cp "$tmp/rss.csv" "${SOAK_CSV:-/tmp/stampede-soak-rss.csv}"
