# shellcheck shell=bash
# How each lab component is started and checked. Every component runs in the foreground
# under the lab's own supervision: pid in $LAB/run/<name>.pid, output in $LAB/logs/<name>.log
# ($LAB: .lab, or $OFFLOAD_LAB_DIR).

# component_cmd NAME: prints the command line (one word per line) that runs NAME.
component_cmd() {
  local name=$1 b=$LAB/bin
  case "$name" in
    etcd) printf '%s\n' "$b/etcd" --name=lab --data-dir="$LAB/etcd" \
        --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-cluster="lab=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync=true --quota-backend-bytes=8589934592 ;;
    apiserver) printf '%s\n' "$b/kube-apiserver" --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
        --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
        --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
        --client-ca-file="$PKI/ca.crt" --token-auth-file="$PKI/tokens.csv" \
        --service-cluster-ip-range=10.0.0.0/24 --allow-privileged=true --authorization-mode=Node,RBAC \
        --service-account-issuer=https://kubernetes.default.svc.cluster.local \
        --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
        --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
        --kubelet-preferred-address-types=InternalIP,Hostname \
        --audit-policy-file="$PKI/audit-policy.yaml" --audit-log-path="$LAB/logs/audit.log" --audit-log-format=json \
        --audit-log-maxsize=500 --audit-log-maxbackup=1 --audit-log-mode=batch --audit-log-batch-max-wait=1s \
        --oidc-issuer-url="https://127.0.0.1:$OIDC_PORT" --oidc-client-id=offload --oidc-ca-file="$PKI/browser-ca.crt" \
        --oidc-username-claim=preferred_username --oidc-username-prefix=- --oidc-groups-claim=groups \
        --profiling=false ;;
    oidc) printf '%s\n' "$ROOT/node_modules/.bin/node" "$LAB_SRC/oidc/provider.mjs" "$LAB/oidc/config.json" ;;
    controller-manager) printf '%s\n' "$b/kube-controller-manager" --kubeconfig="$PKI/controller-manager.kubeconfig" \
        --authentication-kubeconfig="$PKI/controller-manager.kubeconfig" --authorization-kubeconfig="$PKI/controller-manager.kubeconfig" \
        --leader-elect=false --bind-address=127.0.0.1 --secure-port="$CM_PORT" \
        --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
        --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
        --controllers='*,-nodeipam,-service-lb-controller,-cloud-node-lifecycle' ;;
    scheduler) printf '%s\n' "$b/kube-scheduler" --kubeconfig="$PKI/scheduler.kubeconfig" \
        --authentication-kubeconfig="$PKI/scheduler.kubeconfig" --authorization-kubeconfig="$PKI/scheduler.kubeconfig" \
        --leader-elect=false --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" ;;
    kwok) printf '%s\n' "$b/kwok" --kubeconfig="$PKI/kwok.kubeconfig" --config="$b/kwok-stages.yaml" \
        --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake --node-ip=127.0.0.1 --node-lease-duration-seconds=40 \
        --server-address="127.0.0.1:$KWOK_PORT" ;;
    munge) printf '%s\n' /usr/sbin/munged --foreground --force --key-file="$LAB/munge/munge.key" \
        --socket="$LAB/munge/munge.socket" --pid-file="$LAB/munge/munged.pid" \
        --log-file="$LAB/logs/munged.log" --seed-file="$LAB/munge/munged.seed" ;;
    slurmctld) printf '%s\n' /usr/sbin/slurmctld -D -f "$SLURM_CONF" ;;
    slurmd) printf '%s\n' /usr/sbin/slurmd -D -N labnode -f "$SLURM_CONF" ;;
    *-vk-plugin|*-vk-interlink|*-vk) interlink_cmd "$name" ;;
    *) echo "unknown component $name" >&2; return 1 ;;
  esac
}

all_components() {
  local n out="oidc etcd apiserver controller-manager scheduler kwok munge slurmctld slurmd"
  for n in $VIRTUAL_NODES; do out="$out $n-plugin $n-interlink $n"; done
  echo "$out"
}

pid_of() { local f="$LAB/run/$1.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }

start_component() {
  local name=$1
  if pid_of "$name" >/dev/null; then return 0; fi
  local cmd=(); mapfile -t cmd < <(component_cmd "$name")
  [ ${#cmd[@]} -gt 0 ] || return 1
  mkdir -p "$LAB/run" "$LAB/logs"
  interlink_pre_start "$name"
  printf '\n=== %s start %s\n' "$(date -Is)" "$name" >>"$LAB/logs/$name.log"
  # setsid: its own process group, so stop can end it with its children.
  SLURM_CONF=$SLURM_CONF KUBECONFIG=$LAB/kubeconfig PATH="$LAB/bin:$PATH" \
    setsid "${cmd[@]}" >>"$LAB/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$LAB/run/$name.pid"
}

stop_component() {
  local name=$1 pid; pid=$(pid_of "$name") || { rm -f "$LAB/run/$name.pid"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local i; for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$LAB/run/$name.pid"
}

# wait_for DESCRIPTION SECONDS COMPONENT CMD...: polls CMD until it succeeds; on time-out
# prints the component's log tail and fails.
wait_for() {
  local what=$1 limit=$2 comp=$3; shift 3
  local start=$SECONDS
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS - start > limit )); then
      echo "lab: timed out after ${limit}s waiting for $what; last lines of $comp's log:" >&2
      tail -n 40 "$LAB/logs/$comp.log" >&2 2>/dev/null || true
      return 1
    fi
    if [ -n "$comp" ] && [ -f "$LAB/run/$comp.pid" ] && ! pid_of "$comp" >/dev/null; then
      echo "lab: $comp exited while waiting for $what; last lines of its log:" >&2
      tail -n 40 "$LAB/logs/$comp.log" >&2 2>/dev/null || true
      return 1
    fi
    sleep 1
  done
}
