#!/usr/bin/env bash
# The lab's one entry point: up | down | status [--quiet] [c...] | env | stop <c> | start <c> | logs <c>
# | build | trust | untrust.
set -euo pipefail
LAB_SRC=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LAB_SRC/.." && pwd)
# OFFLOAD_LAB_DIR puts a lab's state somewhere else than .lab (npm test's own lab is in
# .lab-test when .lab is in use). Made absolute and exported: components and build.sh
# run with other working directories.
LAB=${OFFLOAD_LAB_DIR:-$ROOT/.lab}
case "$LAB" in /*) ;; *) LAB=$PWD/$LAB ;; esac
export OFFLOAD_LAB_DIR=$LAB
PKI=$LAB/pki
SLURM_CONF=$LAB/slurm/slurm.conf
VIRTUAL_NODES="vega-vk lumi-vk"
# OFFLOAD_LAB_PORT_OFFSET lets a second lab (another checkout) run beside the first.
o=${OFFLOAD_LAB_PORT_OFFSET:-0}
ETCD_PORT=$((22379 + o)) ETCD_PEER_PORT=$((22380 + o)) APISERVER_PORT=$((26443 + o))
CM_PORT=$((20257 + o)) SCHED_PORT=$((20259 + o)) KWOK_PORT=$((20247 + o))
SLURMCTLD_PORT=$((26817 + o)) SLURMD_PORT=$((26818 + o))
INTERLINK_PORT_BASE=$((23001 + o)) KUBELET_PORT_BASE=$((25820 + o))
OIDC_PORT=$((25556 + o))
export PATH="$LAB/bin:$PATH" SLURM_CONF
# shellcheck source=lib/pki.sh
source "$LAB_SRC/lib/pki.sh"
# shellcheck source=lib/slurm.sh
source "$LAB_SRC/lib/slurm.sh"
# shellcheck source=versions.env
source "$LAB_SRC/versions.env"
# shellcheck source=lib/interlink.sh
source "$LAB_SRC/lib/interlink.sh"
# shellcheck source=lib/components.sh
source "$LAB_SRC/lib/components.sh"
# shellcheck source=lib/trust.sh
source "$LAB_SRC/lib/trust.sh"
# shellcheck source=lib/hpc-side.sh
source "$LAB_SRC/lib/hpc-side.sh"

kc() { kubectl --kubeconfig="$LAB/kubeconfig" --request-timeout=20s "$@"; }

node_ready() { [ "$(kc get node "$1" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]; }
# Read into a variable first: `sinfo | grep -q` under pipefail fails when grep exits at its
# first match and sinfo is still writing (SIGPIPE), as `status | grep -q` did in issue #19.
slurm_idle() {
  local states; states=$(sinfo -h -N -o '%T' 2>/dev/null) || return 1
  grep -qE '^(idle|mixed|allocated)' <<<"$states"
}

cmd_up() {
  local t0=$SECONDS
  mkdir -p "$LAB/bin" "$LAB/logs" "$LAB/run"
  bash "$LAB_SRC/build.sh"
  command -v sbatch >/dev/null && command -v munged >/dev/null && command -v bwrap >/dev/null || {
    echo "lab: Slurm, munge or bubblewrap missing: run lab/install-deps.sh (as root)" >&2; exit 1; }
  [ -x "$ROOT/node_modules/.bin/node" ] && [ -d "$ROOT/node_modules/oidc-provider" ] || {
    echo "lab: node_modules missing (the OIDC provider runs on them): run npm ci first" >&2; exit 1; }
  ensure_hpc_paths || exit 1
  setup_pki; setup_oidc; setup_slurm; setup_interlink
  start_component oidc
  wait_for "the OIDC provider" 30 oidc curl -fsS --cacert "$PKI/browser-ca.crt" "https://127.0.0.1:$OIDC_PORT/.well-known/openid-configuration"
  start_component etcd
  wait_for "etcd health" 60 etcd curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
  start_component apiserver
  wait_for "the API server to be ready" 120 apiserver kc get --raw /readyz
  start_component controller-manager; start_component scheduler
  kc apply -f "$LAB_SRC/manifests/rbac.yaml" >/dev/null
  # Offload's admission policy, as a site applies it (docs/operations.md), settings first.
  VIRTUAL_NODES=$VIRTUAL_NODES LAB=$LAB envsubst <"$LAB_SRC/manifests/admission-params.yaml.tpl" | kc apply -f - >/dev/null
  kc apply -f "$ROOT/deploy/admission/policy.yaml" -f "$ROOT/deploy/admission/binding.yaml" >/dev/null
  local u; for u in alice bob; do
    USER_NAME=$u envsubst <"$LAB_SRC/manifests/researcher-namespace.yaml.tpl" | kc apply -f - >/dev/null
  done
  start_component kwok
  kc apply -f "$LAB_SRC/manifests/worker-1.yaml" >/dev/null
  start_component munge
  wait_for "munge" 30 munge test -S "$LAB/munge/munge.socket"
  start_component slurmctld
  wait_for "slurmctld" 60 slurmctld scontrol ping
  start_component slurmd
  wait_for "slurmd to register and Slurm to be idle" 90 slurmd slurm_idle
  local n; for n in $VIRTUAL_NODES; do
    start_component "$n-plugin"; start_component "$n-interlink"; start_component "$n"
  done
  for n in $VIRTUAL_NODES; do wait_for "$n to be Ready" 120 "$n" node_ready "$n"; done
  wait_for "worker-1 to be Ready" 60 kwok node_ready worker-1
  wait_for "the default ServiceAccount in alice" 60 controller-manager kc -n alice get serviceaccount default
  echo "lab: up in $((SECONDS - t0)) s. KUBECONFIG=$LAB/kubeconfig"
}

cmd_down() {
  local c comps; comps=$(all_components)
  # Reverse order: virtual kubelets first, etcd last.
  for c in $(echo "$comps" | tr ' ' '\n' | tac); do stop_component "$c"; done
  echo "lab: down"
}

# status [--quiet] [COMPONENT...]: one line per component (name, running|stopped, pid).
# --quiet prints nothing and answers in the exit code, so callers need no pipe (issue #19):
# with components, 0 when every one named runs, else 1; without, 0 when the whole lab runs,
# 3 when part of it does, 1 when none does. 2: an unknown component or option.
cmd_status() {
  local quiet=0 a c pid all; all=$(all_components)
  local comps=()
  for a in "$@"; do
    case "$a" in
      --quiet) quiet=1 ;;
      -*) echo "lab: status: unknown option $a" >&2; exit 2 ;;
      *) case " $all " in
           *" $a "*) comps+=("$a") ;;
           *) echo "lab: unknown component $a (components: $all)" >&2; exit 2 ;;
         esac ;;
    esac
  done
  local named=${#comps[@]}
  [ "$named" -gt 0 ] || read -ra comps <<<"$all"
  local running=0
  for c in "${comps[@]}"; do
    if pid=$(pid_of "$c" 2>/dev/null); then
      running=$((running + 1))
      [ "$quiet" = 1 ] || printf '%-22s %-8s %s\n' "$c" running "$pid"
    else
      [ "$quiet" = 1 ] || printf '%-22s %-8s %s\n' "$c" stopped -
    fi
  done
  [ "$quiet" = 1 ] || return 0
  if [ "$running" = "${#comps[@]}" ]; then return 0; fi
  if [ "$named" -gt 0 ] || [ "$running" = 0 ]; then return 1; fi
  return 3
}

cmd_env() {
  echo "export KUBECONFIG='$LAB/kubeconfig'"
  echo "export PATH='$LAB/bin':\"\$PATH\""
  echo "export SLURM_CONF='$SLURM_CONF'"
  echo "export OFFLOAD_LAB_OIDC_ISSUER='https://127.0.0.1:$OIDC_PORT'"
}

# The ports are written into the lab's files when it is made (kubeconfigs, slurm.conf,
# interLink's configuration), and made once: a lab made at one offset does not come up at
# another (its components would listen on ports that its clients do not use). Say so.
check_offset() {
  [ -f "$LAB/kubeconfig" ] || return 0
  local port made
  port=$(sed -n 's|^ *server: https://127.0.0.1:\([0-9]*\)$|\1|p' "$LAB/kubeconfig" | head -n 1)
  [ -n "$port" ] || return 0
  [ "$port" = "$APISERVER_PORT" ] && return 0
  made=$((port - APISERVER_PORT + o))
  echo "lab: $LAB was made with OFFLOAD_LAB_PORT_OFFSET=$made (its API server on port $port), not $o;" \
    "its files name those ports. Run with OFFLOAD_LAB_PORT_OFFSET=$made, or take it down and remove" \
    "the directory to make it anew at $o." >&2
  exit 1
}

usage() { echo "usage: npm run lab -- up | down | status [--quiet] [component...] | env | stop <component> | start <component> | logs <component> | build | trust [--check | --show] | untrust" >&2; exit 2; }

case "${1:-}" in
  up) check_offset; cmd_up ;;
  down) cmd_down ;;
  status) shift; cmd_status "$@" ;;
  env) cmd_env ;;
  build) shift; bash "$LAB_SRC/build.sh" "$@" ;;
  stop) [ -n "${2:-}" ] || usage; component_cmd "$2" >/dev/null; stop_component "$2" ;;
  start) [ -n "${2:-}" ] || usage; check_offset; component_cmd "$2" >/dev/null; start_component "$2" ;;
  trust) cmd_trust "${2:-}" ;;
  untrust) cmd_untrust ;;
  logs) [ -n "${2:-}" ] || usage; tail -n "${LINES_TO_SHOW:-200}" "$LAB/logs/$2.log" ;;
  *) usage ;;
esac
