#!/usr/bin/env python3
"""A stand-in Kubernetes API server for `kubectl apply --dry-run=client` (tests/package/k8s.sh).

A client dry run sends nothing to a cluster, but kubectl still asks an API server which kinds exist
(discovery) and for the OpenAPI schemas it validates against. This stub answers the legacy discovery
documents for the kinds in packaging/k8s/ and nothing else, on 127.0.0.1 only:

  /version, /api, /api/v1, /apis, /apis/batch/v1, /apis/apps/v1   the discovery documents
  /openapi/v2        the Kubernetes OpenAPI v2 schemas (protobuf) that kubectl itself carries, if
                     --schemas-from KUBECTL finds them; else 404, and kubectl cannot validate
  /openapi/v3        404: kubectl then asks for /openapi/v2
  anything else      404, as a Status

    python3 kubestub.py --port-file FILE [--log FILE] [--schemas-from KUBECTL]

binds a free port, writes "PORT SCHEMAS" to FILE once listening (SCHEMAS: the Kubernetes version of
the schemas served, or "none"), logs one line per request ("GET /path Accept") to --log, and serves
until killed.

Where the schemas come from: a client dry run validates against the server's OpenAPI document, and
there is no cluster here to ask. kubectl links kustomize, whose kyaml embeds a gzipped OpenAPI v2
document of Kubernetes (protobuf, `kyaml/openapi/kubernetesapi/*/swagger.pb`; v1.21.2 in kubectl
1.27 to 1.33). Serving that one back to kubectl gives it real schemas to be strict against, without
a download: unknown or mistyped fields fail. Its age is the limit: a field newer than that version
(e.g. podFailurePolicy) would be reported unknown.
"""
import argparse
import json
import os
import re
import sys
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def resource(name, kind, namespaced=True, short=None):
    verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    entry = {"name": name, "singularName": kind.lower(), "namespaced": namespaced, "kind": kind, "verbs": verbs}
    if short:
        entry["shortNames"] = short
    return entry


CORE_V1 = [
    resource("configmaps", "ConfigMap", short=["cm"]),
    resource("secrets", "Secret"),
    resource("services", "Service", short=["svc"]),
    resource("persistentvolumeclaims", "PersistentVolumeClaim", short=["pvc"]),
    resource("pods", "Pod", short=["po"]),
    resource("namespaces", "Namespace", namespaced=False, short=["ns"]),
]
GROUPS = {
    "batch": {"v1": [resource("jobs", "Job"), resource("cronjobs", "CronJob", short=["cj"])]},
    "apps": {"v1": [resource("deployments", "Deployment", short=["deploy"]),
                    resource("statefulsets", "StatefulSet", short=["sts"])]},
}


def embedded_schemas(binary):
    """The OpenAPI v2 protobuf document embedded in a kubectl binary, and its Kubernetes version."""
    with open(binary, "rb") as f:
        data = f.read()
    for match in re.finditer(b"\x1f\x8b\x08", data):  # gzip members; few, and most fail at once
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[match.start():match.start() + 4096], 64)
        except zlib.error:
            continue
        # openapi_v2.Document: field 1 swagger = "2.0", field 2 info {title "Kubernetes", version}.
        if head.startswith(b"\n\x032.0") and b"Kubernetes" in head:
            document = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[match.start():])
            version = re.search(rb"Kubernetes\x12.(v[0-9.]+)", document[:64], re.S)
            return document, version.group(1).decode() if version else "unknown"
    return None, "none"


def documents(address):
    docs = {
        "/version": {"major": "1", "minor": "32", "gitVersion": "v1.32.4", "gitCommit": "stub",
                     "gitTreeState": "clean", "buildDate": "2025-01-01T00:00:00Z", "goVersion": "go1.23",
                     "compiler": "gc", "platform": "linux/amd64"},
        "/api": {"kind": "APIVersions", "versions": ["v1"],
                 "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": address}]},
        "/api/v1": {"kind": "APIResourceList", "groupVersion": "v1", "resources": CORE_V1},
    }
    groups = []
    for group, versions in GROUPS.items():
        listed = [{"groupVersion": f"{group}/{v}", "version": v} for v in versions]
        groups.append({"name": group, "versions": listed, "preferredVersion": listed[0]})
        for version, resources in versions.items():
            docs[f"/apis/{group}/{version}"] = {"kind": "APIResourceList", "apiVersion": "v1",
                                                "groupVersion": f"{group}/{version}", "resources": resources}
    docs["/apis"] = {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}
    return docs


class Handler(BaseHTTPRequestHandler):
    docs = {}
    schemas = None
    log = None

    def do_GET(self):
        path = self.path.split("?", 1)[0].rstrip("/") or "/"
        if self.log:
            self.log.write(f"{self.command} {self.path} {self.headers.get('Accept', '-')}\n")
            self.log.flush()
        body = self.docs.get(path)
        if path == "/openapi/v2" and self.schemas:
            self.send_bytes(200, "application/com.github.proto-openapi.spec.v2.v1.0+protobuf", self.schemas)
        elif body is None:
            self.send_json(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                 "message": f"the server could not find the requested resource ({path})",
                                 "reason": "NotFound", "code": 404})
        else:
            # Plain JSON: kubectl asks for aggregated discovery (apidiscovery.k8s.io/v2) first and
            # falls back to the legacy documents when the answer is not of that type.
            self.send_json(200, body)

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET  # logged, then 404: a dry run must not write

    def send_json(self, code, body):
        self.send_bytes(code, "application/json", json.dumps(body).encode())

    def send_bytes(self, code, content_type, data):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass  # requests go to --log, not to stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log")
    parser.add_argument("--schemas-from", metavar="KUBECTL")
    args = parser.parse_args()
    schemas, version = embedded_schemas(args.schemas_from) if args.schemas_from else (None, "none")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    Handler.docs = documents(f"127.0.0.1:{port}")
    Handler.schemas = schemas
    Handler.log = open(args.log, "a", encoding="utf-8") if args.log else None
    with open(args.port_file + ".tmp", "w", encoding="utf-8") as out:
        out.write(f"{port} {version}\n")
    os.replace(args.port_file + ".tmp", args.port_file)  # the reader never sees a half-written port
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
