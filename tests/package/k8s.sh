#!/usr/bin/env bash
# The fleet's deployment files, checked offline (issue 15; docs/scale-out.md):
#   bash tests/package/k8s.sh
# 1. packaging/k8s/*.yaml: `kubectl apply --dry-run=client` against a stand-in API server on
#    127.0.0.1 (tests/package/kubestub.py), strict: the stub serves back the Kubernetes OpenAPI
#    schemas embedded in kubectl itself, so an unknown or mistyped field fails. Then the objects as
#    kubectl read them: an Indexed Job whose parallelism, completions and STAMPEDE_SEGMENTS agree, the
#    API key from a Secret, no key in the ConfigMap, a headless Service that selects the agents on
#    the port --metrics-port serves, a non-root read-only container.
# 2. packaging/prometheus/prometheus.yml: promtool check config.
# 3. packaging/grafana/stampede-fleet.json: valid JSON whose queries parse as PromQL and use only
#    the metric names of `stampede run --metrics-port` (the list below).
# No cluster, no image build, no network beyond 127.0.0.1. Without kubectl (and no way to install
# Debian's kubernetes-client) the manifest checks are skipped, saying so; without promtool, its checks.
# KUBECTL=PATH picks another kubectl; STAMPEDE_BIN=PATH the stampede that validates the scenario
# (default build/release/stampede, skipped when absent).
set -euo pipefail
cd "$(dirname "$0")/../.."

# The metric contract of `stampede run --metrics-port`: the names core/fleet/promfamilies.h
# declares (namespace prom). The dashboard may use these and nothing else (histograms by their base
# name; _bucket, _sum and _count are derived).
mapfile -t contract < <(grep -o '"stampede_[a-z_]*"' core/fleet/promfamilies.h | tr -d '"')
[ "${#contract[@]}" -ge 10 ] || { echo "k8s: FAIL  no metric names found in core/fleet/promfamilies.h" >&2; exit 1; }
k8s=packaging/k8s
manifests=("$k8s/configmap.yaml" "$k8s/secret.yaml" "$k8s/service.yaml" "$k8s/job.yaml")
prometheus=packaging/prometheus/prometheus.yml
dashboard=packaging/grafana/stampede-fleet.json

work="$(mktemp -d /tmp/stampede-k8s.XXXXXX)"
stub_pid=""
cleanup() {
  if [ -n "$stub_pid" ]; then kill "$stub_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
ok() { echo "k8s: ok    $*"; }
bad() { echo "k8s: FAIL  $*"; failures=$((failures + 1)); }
skip() { echo "k8s: SKIP  $*"; }
start=$SECONDS

# --- kubectl: installed, or Debian's kubernetes-client, or the manifest checks are skipped.
kubectl="${KUBECTL:-kubectl}"
if ! command -v "$kubectl" >/dev/null 2>&1 && [ -z "${KUBECTL:-}" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo -n"
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q kubernetes-client >"$work/apt.log" 2>&1 || true
  fi
fi

if ! command -v "$kubectl" >/dev/null 2>&1; then
  skip "$kubectl is not installed and Debian's kubernetes-client could not be installed: manifests not checked"
else
  # A stand-in API server: kubectl's client dry run still asks one for discovery and schemas.
  kubectl_bin="$(readlink -f "$(command -v "$kubectl")")"
  python3 tests/package/kubestub.py --port-file "$work/stub.port" --log "$work/stub.log" \
    --schemas-from "$kubectl_bin" 2>"$work/stub.err" &
  stub_pid=$!
  for _ in $(seq 100); do [ -s "$work/stub.port" ] && break; sleep 0.05; done
  [ -s "$work/stub.port" ] || { cat "$work/stub.err" >&2; echo "k8s: FAIL  the stub API server did not start"; exit 1; }
  read -r port schemas <"$work/stub.port"
  cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: stub, cluster: {server: "http://127.0.0.1:$port"}}]
users: [{name: stub, user: {}}]
contexts: [{name: stub, context: {cluster: stub, user: stub, namespace: stampede-test}}]
current-context: stub
EOF
  kube=(env KUBECONFIG="$work/kubeconfig" "$kubectl" --cache-dir "$work/kube-cache" --request-timeout 10s)
  validate=(--validate=true)  # "strict" since kubectl 1.25; Debian's 1.20 knows only true/false
  how="strict: the Kubernetes $schemas schemas kubectl carries"
  if [ "$schemas" = none ]; then
    # This kubectl carries no schemas (or not where kubestub.py looks): with no cluster to download
    # them from, kubectl can only parse the objects and map their kinds.
    validate=(--validate=false)
    how="NOT strict: $kubectl_bin carries no OpenAPI schemas; kinds and syntax only"
  fi
  files=(); for f in "${manifests[@]}"; do files+=(-f "$f"); done
  if "${kube[@]}" apply --dry-run=client "${validate[@]}" "${files[@]}" -o json >"$work/objects.json" 2>"$work/kubectl.err"; then
    ok "kubectl apply --dry-run=client ($how): $(python3 -c 'import json,sys; print(", ".join(i["kind"] + "/" + i["metadata"]["name"] for i in json.load(open(sys.argv[1]))["items"]))' "$work/objects.json")"
  else
    bad "kubectl apply --dry-run=client ($how): $(tr '\n' ' ' <"$work/kubectl.err")"
  fi
  if "${kube[@]}" apply --dry-run=client "${validate[@]}" -k "$k8s" -o name >"$work/kustomized.txt" 2>"$work/kustomize.err"; then
    listed="$(sort "$work/kustomized.txt" | tr '\n' ' ')"
    want="configmap/stampede-run job.batch/stampede persistentvolumeclaim/stampede-runs service/stampede-agents "
    if [ "$listed" = "$want" ]; then
      ok "kubectl apply -k: $listed(the Secret left out on purpose)"
    else
      bad "kubectl apply -k gives $listed, want $want"
    fi
  else
    bad "kubectl apply -k $k8s: $(tr '\n' ' ' <"$work/kustomize.err")"
  fi

  if [ -s "$work/objects.json" ]; then
    stampede_bin="${STAMPEDE_BIN:-build/release/stampede}"
    set +e
    python3 - "$work/objects.json" "$k8s/Containerfile" "$stampede_bin" "$work" <<'PY'
import json, os, re, subprocess, sys

objects_file, containerfile, stampede_bin, work = sys.argv[1:5]
items = json.load(open(objects_file))["items"]
by_kind = {}
for item in items:
    item["metadata"].get("annotations", {}).pop("kubectl.kubernetes.io/last-applied-configuration", None)
    by_kind.setdefault(item["kind"], []).append(item)
failures = 0


def check(name, problems):
    global failures
    problems = [p for p in problems if p]
    if problems:
        failures += 1
        print(f"k8s: FAIL  {name}: " + "; ".join(problems))
    else:
        print(f"k8s: ok    {name}")


def one(kind):
    found = by_kind.get(kind, [])
    if len(found) != 1:
        print(f"k8s: FAIL  want one {kind}, found {len(found)}")
        sys.exit(1)
    return found[0]


job, service, configmap, secret, pvc = (one(k) for k in ("Job", "Service", "ConfigMap", "Secret",
                                                          "PersistentVolumeClaim"))
spec = job["spec"]
pod = spec["template"]["spec"]
if len(pod["containers"]) != 1:
    check("one agent container per pod", [f"{len(pod['containers'])} containers"])
    sys.exit(1)
container = pod["containers"][0]
env = {e["name"]: e for e in container.get("env", [])}
args = container.get("args", [])


def arg(flag):
    return args[args.index(flag) + 1] if flag in args and args.index(flag) + 1 < len(args) else None


# The fleet's size, said three times: Kubernetes' count of pods and the agents' count of segments.
segments = env.get("STAMPEDE_SEGMENTS", {}).get("value")
check(f"Job: Indexed, parallelism {spec.get('parallelism')} = completions {spec.get('completions')} "
      f"= STAMPEDE_SEGMENTS {segments}",
      [spec.get("completionMode") != "Indexed" and f"completionMode is {spec.get('completionMode')}",
       not (str(spec.get("parallelism")) == str(spec.get("completions")) == str(segments))
       and "they differ: the agents would split the load into other shares than the pods run",
       "--segment" in args and "--segment in args overrides JOB_COMPLETION_INDEX/STAMPEDE_SEGMENTS",
       spec.get("backoffLimit") != 0 and f"backoffLimit {spec.get('backoffLimit')}: a re-run segment starts late",
       "ttlSecondsAfterFinished" not in spec and "no ttlSecondsAfterFinished"])

# The scenario the agents run, as mounted from the ConfigMap.
scenario_path = args[1] if len(args) > 1 and args[0] == "run" else None
mounts = {m["mountPath"]: m for m in container.get("volumeMounts", [])}
volumes = {v["name"]: v for v in pod.get("volumes", [])}
scenario_problems, scenario = [], None
if not scenario_path:
    scenario_problems.append(f"args do not start with run FILE: {args[:2]}")
else:
    mount = mounts.get(os.path.dirname(scenario_path))
    source = volumes.get(mount["name"], {}).get("configMap") if mount else None
    if not source or source.get("name") != configmap["metadata"]["name"]:
        scenario_problems.append(f"{scenario_path} is not mounted from ConfigMap {configmap['metadata']['name']}")
    else:
        keys = {i["path"]: i["key"] for i in source.get("items", [])} or {k: k for k in configmap["data"]}
        key = keys.get(os.path.basename(scenario_path))
        try:
            scenario = json.loads(configmap["data"][key])
        except (KeyError, TypeError, ValueError) as e:
            scenario_problems.append(f"the ConfigMap's {key} is not a scenario: {e}")
validated = "stampede validate: not run (no binary at " + stampede_bin + ")"
if scenario is not None and os.access(stampede_bin, os.X_OK):
    path = os.path.join(work, "scenario.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(scenario, f, ensure_ascii=False)
    run = subprocess.run([stampede_bin, "validate", path], capture_output=True, text=True, timeout=30)
    validated = "stampede validate: " + ("valid" if run.returncode == 0 else "INVALID")
    if run.returncode != 0:
        scenario_problems.append((run.stdout + run.stderr).strip().replace("\n", " | "))
check(f"scenario {scenario_path} from the ConfigMap ({validated})", scenario_problems)

# The API key: a Secret's, never a literal.
key_env = ((scenario or {}).get("target") or {}).get("api_key_env") or "STAMPEDE_API_KEY"
ref = env.get(key_env, {}).get("valueFrom", {}).get("secretKeyRef")
secret_data = {**secret.get("data", {}), **secret.get("stringData", {})}
check(f"{key_env} (target.api_key_env) from secretKeyRef {ref and ref.get('name')}/{ref and ref.get('key')}",
      [key_env not in env and f"no {key_env} in the container's env",
       "value" in env.get(key_env, {}) and f"{key_env} has a literal value",
       ref is None and key_env in env and f"{key_env} is not from a secretKeyRef",
       ref and ref.get("name") != secret["metadata"]["name"] and f"refers to Secret {ref.get('name')}",
       ref and ref.get("key") not in secret_data and f"the Secret has no key {ref.get('key')}",
       any(e.get("value") and re.search(r"sk-[A-Za-z0-9_-]{8,}", e["value"]) for e in env.values())
       and "a key-like literal in the env",
       secret.get("stringData", {}).get(ref and ref.get("key")) not in (None, "replace-me")
       and "secret.yaml holds something other than the placeholder replace-me"])

# No key in the ConfigMap: neither a key-shaped value nor a key-named field with a value.
KEY_VALUE = re.compile(r"\bsk-[A-Za-z0-9_-]{8,}|\bBearer\s+\S{8,}|\bAIza[0-9A-Za-z_-]{20,}", re.I)
KEY_NAME = re.compile(r"api[_-]?key|apikey|secret|password|token|authorization|x-api-key", re.I)
leaks = [f"{name} looks like a key" for name, text in configmap["data"].items() if KEY_VALUE.search(text)]


def walk(value, path):
    if isinstance(value, dict):
        for k, v in value.items():
            # api_key_env names a variable; token counts (max_tokens, tpm, ...) are not tokens either.
            if KEY_NAME.search(k) and k != "api_key_env" and not re.search(r"tokens|tpm|per_mtok", k) and v not in ("", None):
                leaks.append(f"{path}.{k} has a value")
            walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            walk(v, f"{path}[{i}]")


for name, text in configmap["data"].items():
    try:
        walk(json.loads(text), name)
    except ValueError:
        if KEY_NAME.search(name):
            leaks.append(f"data key {name}")
check(f"no key in ConfigMap {configmap['metadata']['name']} ({', '.join(sorted(configmap['data']))})", leaks)

# $(VAR) in args expands only for variables the container declares: an undeclared one stays literal.
declared = set(env)
check("every $(VAR) in args is declared in env: " + ", ".join(sorted(set(re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", " ".join(args))))),
      [f"$({v}) is not declared" for v in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", " ".join(args)) if v not in declared]
      + [not all(env.get(v, {}).get("valueFrom", {}).get("configMapKeyRef", {}).get("name") == configmap["metadata"]["name"]
                 and env[v]["valueFrom"]["configMapKeyRef"]["key"] in configmap["data"] for v in ("START_AT", "RUN_NAME"))
         and "START_AT and RUN_NAME must come from the ConfigMap's keys"]
      + [not re.fullmatch(r"\d+|\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)",
                          configmap["data"].get("START_AT", ""))
         and f"START_AT {configmap['data'].get('START_AT')!r} is neither ISO 8601 with a zone nor Unix seconds"])

# Run folders on the shared claim, one per segment.
out = arg("--out") or ""
runs_mount = next((m for p, m in mounts.items() if out.startswith(p.rstrip("/") + "/")), None)
claim = volumes.get(runs_mount["name"], {}).get("persistentVolumeClaim", {}).get("claimName") if runs_mount else None
check(f"--out {out} on claim {claim} ({', '.join(pvc['spec'].get('accessModes', []))})",
      [claim != pvc["metadata"]["name"] and f"--out is not on the PersistentVolumeClaim {pvc['metadata']['name']}",
       "ReadWriteMany" not in pvc["spec"].get("accessModes", []) and "the claim is not ReadWriteMany",
       "$(JOB_COMPLETION_INDEX)" not in out and "the folder does not name the segment: the agents would share one"])

# Prometheus finds each agent through the headless Service, on the port the agent serves.
metrics_port = arg("--metrics-port")
container_ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
svc_ports = {p.get("name"): p for p in service["spec"].get("ports", [])}
pod_labels = spec["template"]["metadata"].get("labels", {})
selector = service["spec"].get("selector", {})
target = svc_ports.get("metrics", {}).get("targetPort")
check(f"Service {service['metadata']['name']}: headless, selects {selector}, metrics {metrics_port} = containerPort "
      f"{container_ports.get('metrics')}",
      [service["spec"].get("clusterIP") != "None" and "clusterIP is not None (not headless)",
       not selector and "no selector",
       any(pod_labels.get(k) != v for k, v in selector.items()) and f"selector does not match pod labels {pod_labels}",
       str(container_ports.get("metrics")) != str(metrics_port) and "containerPort metrics differs from --metrics-port",
       "metrics" not in svc_ports and "no Service port named metrics",
       target not in ("metrics", container_ports.get("metrics")) and f"Service targetPort {target}",
       str(svc_ports.get("metrics", {}).get("port")) != str(metrics_port) and "Service port differs from --metrics-port",
       arg("--metrics-address") != "0.0.0.0" and "--metrics-address is not 0.0.0.0: unreachable from Prometheus",
       pod.get("subdomain") != service["metadata"]["name"] and f"subdomain {pod.get('subdomain')}"])

# Non-root, read-only root, and every place the agent writes is a volume.
psc, csc = pod.get("securityContext", {}), container.get("securityContext", {})
writable = [p for p, m in mounts.items() if not m.get("readOnly")]
homes = {k: env[k].get("value") for k in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME") if k in env}
res = container.get("resources", {})
check(f"security: non-root, read-only root, no escalation; writable {', '.join(sorted(writable))}",
      [not (csc.get("runAsNonRoot") or psc.get("runAsNonRoot")) and "runAsNonRoot is not set",
       not csc.get("readOnlyRootFilesystem") and "readOnlyRootFilesystem is not set",
       csc.get("allowPrivilegeEscalation") is not False and "allowPrivilegeEscalation is not false",
       csc.get("privileged") and "privileged"]
      + [f"{k}={v} is not on a writable volume" for k, v in homes.items()
         if not v or not any(v == p or v.startswith(p.rstrip("/") + "/") for p in writable)]
      + [not homes.get("HOME") and "HOME is not set to a writable folder"]
      + [f"no resources.{part}" for part in ("requests", "limits") if not res.get(part)])

# The image: the Debian package on debian:12-slim, as the user the pod runs as.
text = open(containerfile, encoding="utf-8").read()
user = re.search(r"^USER\s+(\d+)", text, re.M)
run_as = csc.get("runAsUser", psc.get("runAsUser"))
check(f"Containerfile: debian:12-slim, stampede_*.deb, USER {user and user.group(1)} = runAsUser {run_as}",
      [not re.search(r"^FROM\s+debian:12-slim\s*$", text, re.M) and "not FROM debian:12-slim",
       not re.search(r"apt-get install -y .*\./stampede_\*\.deb", text) and "does not apt-get install ./stampede_*.deb",
       "rm -rf /var/lib/apt/lists" not in text and "apt lists are left in the image",
       not re.search(r'^ENTRYPOINT \["stampede"\]', text, re.M) and "ENTRYPOINT is not [\"stampede\"]",
       not re.search(rf"^EXPOSE\s+{metrics_port}\b", text, re.M) and f"does not EXPOSE {metrics_port}",
       not user and "no numeric USER (runAsNonRoot cannot check a name)",
       user and str(run_as) != user.group(1) and "the pod's runAsUser differs from the image's USER",
       container.get("image") != "stampede:latest" and f"the Job's image is {container.get('image')}"])
sys.exit(min(failures, 100))
PY
    failures=$((failures + $?))  # the number of checks that failed (1 if Python itself failed)
    set -e
  fi
fi

# --- Prometheus. Debian's promtool is built without Kubernetes discovery (it rejects
# kubernetes_sd_configs as an unknown field); then the file is checked once more without those
# blocks, so that everything else, the relabelling included, is still checked.
if ! command -v promtool >/dev/null 2>&1; then
  skip "promtool is not installed (Debian: prometheus): $prometheus not checked"
elif promtool check config "$prometheus" >"$work/promtool.log" 2>&1; then
  ok "promtool check config $prometheus"
elif grep -q "field kubernetes_sd_configs not found" "$work/promtool.log"; then
  awk 'skip && match($0, /^ */) && RLENGTH > indent { next }
       { skip = 0 }
       /^ *kubernetes_sd_configs:/ { skip = 1; match($0, /^ */); indent = RLENGTH; next }
       { print }' "$prometheus" >"$work/prometheus-no-k8s-sd.yml"
  if promtool check config "$work/prometheus-no-k8s-sd.yml" >"$work/promtool.log" 2>&1; then
    ok "promtool check config $prometheus (this promtool has no Kubernetes discovery: checked without kubernetes_sd_configs)"
  else
    bad "promtool check config $prometheus: $(tr '\n' ' ' <"$work/promtool.log")"
  fi
else
  bad "promtool check config $prometheus: $(tr '\n' ' ' <"$work/promtool.log")"
fi
# The Kubernetes job keeps the headless Service's port, by the names service.yaml gives them.
keep="$(sed -n '/source_labels: \[__meta_kubernetes_service_name, __meta_kubernetes_endpoint_port_name\]/{n;s/^ *regex: *//p;}' "$prometheus")"
svc_name="$(sed -n 's/^  name: *//p' "$k8s/service.yaml" | head -1)"
if grep -q "^ *- name: metrics$" "$k8s/service.yaml" && [ "$keep" = "$svc_name;metrics" ]; then
  ok "prometheus.yml keeps endpoints $keep (service.yaml's Service and port)"
else
  bad "prometheus.yml keeps endpoints '$keep', service.yaml has Service $svc_name, port metrics"
fi

# --- Grafana: JSON, the datasource variable, only contract metrics, and PromQL that parses.
set +e
python3 - "$dashboard" "$work/dashboard-rules.yml" "${contract[@]}" <<'PY'
import json, re, sys

path, rules_file, contract = sys.argv[1], sys.argv[2], set(sys.argv[3:])
try:
    board = json.load(open(path, encoding="utf-8"))
except ValueError as e:
    print(f"k8s: FAIL  {path} is not JSON: {e}")
    sys.exit(1)
queries = []  # (where, expr)


def panels(items):
    for panel in items:
        yield panel
        yield from panels(panel.get("panels", []))


for panel in panels(board.get("panels", [])):
    for target in panel.get("targets", []):
        if target.get("expr"):
            queries.append((f"panel {panel.get('title')!r}", target["expr"]))
variables = board.get("templating", {}).get("list", [])
for var in variables:
    query = var.get("query")
    query = query.get("query") if isinstance(query, dict) else query
    if var.get("type") == "query" and query:
        queries.append((f"variable ${var['name']}", query))
used = set()
unknown = []
for where, expr in queries:
    for name in re.findall(r"\bstampede_[a-z_]+", expr):
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        used.add(base)
        if base not in contract:
            unknown.append(f"{where}: {name}")
types = {v.get("name"): v.get("type") for v in variables}
problems = [
    types.get("datasource") != "datasource" and "no datasource variable",
    types.get("model") != "query" and "no model variable",
    not any(v.get("name") == "model" and "label_values(stampede_requests_total" in json.dumps(v.get("query")) for v in variables)
    and "the model variable is not label_values(stampede_requests_total..., model)",
    not 36 <= board.get("schemaVersion", 0) <= 41 and f"schemaVersion {board.get('schemaVersion')}",
] + [f"{where} does not use the datasource variable" for where in
     (f"panel {p.get('title')!r}" for p in panels(board.get("panels", [])) if p.get("type") != "row"
      and (p.get("datasource") or {}).get("uid") != "${datasource}")]
problems = [p for p in problems if p]
status = 0
if problems:
    print(f"k8s: FAIL  {path}: " + "; ".join(problems))
    status += 1
else:
    print(f"k8s: ok    {path}: JSON, schemaVersion {board['schemaVersion']}, "
          f"variables {', '.join('$' + v['name'] for v in variables)}")
if unknown or not used:
    print(f"k8s: FAIL  dashboard metrics outside the contract: {', '.join(unknown) or 'no stampede_ metric at all'}")
    status += 1
else:
    print(f"k8s: ok    dashboard: {len(queries)} queries use {len(used)} of the {len(contract)} contract metrics, no other")
# For promtool: one recording rule per panel query, Grafana's variables given plain values.
with open(rules_file, "w", encoding="utf-8") as out:
    out.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, (where, expr) in enumerate(queries):
        if expr.startswith("label_values("):
            continue
        promql = expr.replace("$__rate_interval", "1m").replace("$__range", "1h")
        promql = re.sub(r"\$\{?[A-Za-z_]+\}?", ".*", promql)
        out.write(f"      - record: dashboard:query_{i}\n        expr: {json.dumps(promql)}\n")
sys.exit(status)
PY
failures=$((failures + $?))
set -e
if ! command -v promtool >/dev/null 2>&1; then
  skip "promtool is not installed: the dashboard's PromQL not parsed"
elif [ -s "$work/dashboard-rules.yml" ]; then
  if promtool check rules "$work/dashboard-rules.yml" >"$work/rules.log" 2>&1; then
    ok "dashboard PromQL parses ($(grep -c 'record:' "$work/dashboard-rules.yml") panel queries, promtool check rules)"
  else
    bad "dashboard PromQL: $(grep -v '^Checking' "$work/rules.log" | tr '\n' ' ')"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "k8s: $failures check(s) failed ($((SECONDS - start)) s)"
  exit 1
fi
echo "k8s: all checks passed ($((SECONDS - start)) s)"
