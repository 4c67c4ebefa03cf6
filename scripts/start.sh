#!/usr/bin/env bash
# `npm start`: the production server on $PORT (default 3000).
# - Cluster: $KUBECONFIG when set; otherwise the lab ($OFFLOAD_LAB_DIR, default .lab) is
#   brought up unless it is up already, and its kubeconfig used.
# - Builds first when the build is missing or older than the sources (hash of the sources
#   recorded beside the build), then runs Next's standalone server.
# - Binds 127.0.0.1, or 0.0.0.0 inside a cluster (a pod must be reachable from its
#   Service); OFFLOAD_BIND overrides either.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# Node 24 comes from the `node` devDependency (@kubernetes/client-node needs >= 22).
export PATH="$ROOT/node_modules/.bin:$PATH"
export PORT=${PORT:-3000}

# shellcheck source=lib/ensure-deps.sh
source scripts/lib/ensure-deps.sh
# shellcheck source=lib/lab-state.sh
source scripts/lib/lab-state.sh
LAB=$(lab_dir)
ensure_node_modules
if [ -z "${KUBECONFIG:-}" ]; then
  ensure_lab_packages
  if [ "$(lab_state "$LAB")" = up ]; then
    echo "start: the lab in $(show_dir "$LAB") is up" >&2
  else
    bash lab/lab.sh up >&2
  fi
  export KUBECONFIG="$LAB/kubeconfig"
fi

# On the lab, sign-in goes through the lab's OpenID Connect provider (unless configured).
if [ "$KUBECONFIG" = "$LAB/kubeconfig" ] && [ -z "${OFFLOAD_OIDC_ISSUER_URL:-}" ] && [ -f "$LAB/oidc/config.json" ]; then
  oidc_port=$(jq -r .port "$LAB/oidc/config.json")
  export OFFLOAD_OIDC_ISSUER_URL="https://127.0.0.1:$oidc_port"
  export OFFLOAD_OIDC_CLIENT_ID=offload
  export OFFLOAD_OIDC_CLIENT_SECRET_FILE="$LAB/oidc/client-secret"
  export OFFLOAD_OIDC_CA_FILE="$LAB/pki/browser-ca.crt"
  if [ ! -f "$OFFLOAD_OIDC_CA_FILE" ]; then
    echo "start: the lab in $(show_dir "$LAB") was made before it had a CA for browsers ($OFFLOAD_OIDC_CA_FILE);" \
      "run 'npm run lab -- up' once to make it (the sign-in provider restarts with it)" >&2
    exit 1
  fi
  # Lab-only notes: the sign-in page names the lab's people, templates say what the lab runs.
  export OFFLOAD_LAB=1
fi

# Everything that goes into the build; tests do not.
source_hash() {
  find app components lib public instrumentation.ts proxy.ts next.config.js postcss.config.mjs tsconfig.json package.json package-lock.json \
    -type f ! -name '*.test.ts' ! -name '*.test.tsx' -print0 2>/dev/null | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

STANDALONE=.next/standalone
STAMP=$STANDALONE/.offload-source-hash
# One build at a time, even when several test servers start together. The lock lives
# outside .next, which `next build` empties.
exec 9>"${TMPDIR:-/tmp}/offload-build-$(echo "$ROOT" | sha256sum | cut -c1-12).lock"
flock 9
want=$(source_hash)
if [ ! -f "$STANDALONE/server.js" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  echo "start: building (the build is missing or older than the sources)" >&2
  next build >&2
  rm -rf "$STANDALONE/.next/static" "$STANDALONE/public"
  cp -r .next/static "$STANDALONE/.next/static"
  cp -r public "$STANDALONE/public"
  echo "$want" >"$STAMP"
fi
exec 9>&-

if [ -z "${OFFLOAD_BIND:-}" ]; then
  if [ -n "${KUBERNETES_SERVICE_HOST:-}" ]; then OFFLOAD_BIND=0.0.0.0; else OFFLOAD_BIND=127.0.0.1; fi
fi
echo "start: serving on http://$OFFLOAD_BIND:$PORT with KUBECONFIG=$KUBECONFIG" >&2
# The summary a person reads last, once the server answers: address, sign-in, stop, logs.
OFFLOAD_BIND=$OFFLOAD_BIND bash scripts/lib/start-summary.sh --when-ready >&2 &
# V8 sizes its young generation from the machine's memory: 2 × 64 MB semi-spaces on a 24 GiB
# host, resident from the first busy second. The server's garbage is short-lived request
# data, which 16 MB semi-spaces hold as well; measured on the lab with 10,000 jobs cached,
# RSS at rest went from 350 to 281 MB (docs/benchmarks.md, server memory).
HOSTNAME=$OFFLOAD_BIND exec node --max-semi-space-size=16 "$STANDALONE/server.js"
