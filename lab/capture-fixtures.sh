#!/usr/bin/env bash
# Captures real Job + Pod (+ Events) objects from the lab in each state the job-state mapping
# must recognise, on both virtual nodes (vega-vk: Slurm plugin 0.6.1, lumi-vk: 0.6.2-pre5),
# as JSON fixtures for its unit tests: lib/interlink/fixtures/lab/<node>/<State>.json, and the
# node objects Ready and NotReady as lib/interlink/fixtures/lab/node-<Ready|NotReady>.json.
# Usage: bash lab/capture-fixtures.sh   (the lab must be up; takes about 4 minutes; it stops
# both plugins for a minute at the end)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/lib/interlink/fixtures/lab
LAB=${OFFLOAD_LAB_DIR:-$ROOT/.lab}
NODES="vega-vk lumi-vk"
export PATH="$LAB/bin:$PATH" SLURM_CONF=$LAB/slurm/slurm.conf
k() { kubectl --kubeconfig="$LAB/users/alice.kubeconfig" -n alice "$@"; }
admin() { kubectl --kubeconfig="$LAB/kubeconfig" "$@"; }
tag=$(date +%s)

job() { # name node flags script
  local name=$1 node=$2 flags=$3 script=$4
  k apply -f - >/dev/null <<YAML
apiVersion: batch/v1
kind: Job
metadata: {name: $name, labels: {oscar_service: fixture}}
spec:
  backoffLimit: 0
  template:
    metadata:
      labels: {oscar_service: fixture}
      annotations: {slurm-job.vk.io/flags: "$flags"}
    spec:
      restartPolicy: Never
      nodeSelector: {kubernetes.io/hostname: $node}
      tolerations: [{key: virtual-node.interlink/no-schedule, operator: Exists}]
      containers:
        - {name: main, image: "docker://alpine:3", command: ["/bin/sh", "-c", "$script"]}
YAML
}

# save NODE STATE NAME: writes {job, pod, events} with managedFields trimmed. The events are
# the pod's and the Job's.
save() {
  local node=$1 state=$2 name=$3 pod
  pod=$(k get pods -l "job-name=$name" -o json | jq '.items[0] // null')
  local podname; podname=$(jq -r '.metadata.name // ""' <<<"$pod")
  local events
  events=$(k get events -o json | jq --arg p "$podname" --arg j "$name" '[.items[] | select(.involvedObject.name == $p or .involvedObject.name == $j)]')
  mkdir -p "$OUT/$node"
  jq -n --argjson job "$(k get job "$name" -o json)" --argjson pod "$pod" --argjson events "$events" \
    --arg state "$state" --arg node "$node" --arg captured "$(date -Is)" \
    '{state: $state, node: $node, captured: $captured, source: "lab: interLink 0.6.2, real Slurm", job: $job, pod: $pod, events: $events}
     | del(.. | .managedFields?)' >"$OUT/$node/$state.json"
  echo "captured $node/$state from $name"
}

wait_pod() { # name jq-condition seconds
  local i; for i in $(seq 1 "$3"); do
    k get pods -l "job-name=$1" -o json | jq -e ".items[0] | select($2)" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "timed out waiting for $1: $2" >&2; return 1
}

f=--cpus-per-task=1\ --mem=100M
for n in $NODES; do
  job "fx-ok-$n-$tag" "$n" "--time=00:05:00 $f" 'echo done'
  job "fx-exit3-$n-$tag" "$n" "--time=00:05:00 $f" 'echo failing; exit 3'
  job "fx-run-$n-$tag" "$n" "--time=00:05:00 $f" 'sleep 120'
  job "fx-timeout-$n-$tag" "$n" "--time=1 $f" 'sleep 600'
  job "fx-oom-$n-$tag" "$n" "--time=00:05:00 --cpus-per-task=1 --mem=50M" '{ head -c 600M /dev/zero; sleep 10; } | tail >/dev/null'
  job "fx-queued-$n-$tag" "$n" "--time=00:05:00 --begin=now+3600 $f" 'echo later'
  job "fx-badpart-$n-$tag" "$n" "--time=00:05:00 --partition=nosuchpartition $f" 'echo never'
  job "fx-cancel-$n-$tag" "$n" "--time=00:05:00 $f" 'sleep 300'
done
job "fx-nonode-$tag" nosuch-vk "--time=00:05:00 $f" 'echo never'

for n in $NODES; do
  wait_pod "fx-ok-$n-$tag" '.status.phase=="Succeeded"' 90 && save "$n" Succeeded "fx-ok-$n-$tag"
  wait_pod "fx-exit3-$n-$tag" '.status.phase=="Failed"' 90 && save "$n" Failed "fx-exit3-$n-$tag"
  wait_pod "fx-run-$n-$tag" '.status.phase=="Running"' 90 && save "$n" Running "fx-run-$n-$tag"
  wait_pod "fx-queued-$n-$tag" '.metadata.annotations.JobID != null and .status.phase=="Pending"' 90 && sleep 6 && save "$n" Queued "fx-queued-$n-$tag"
  wait_pod "fx-badpart-$n-$tag" '.status.reason=="ProviderFailed"' 90 && save "$n" SubmissionFailed "fx-badpart-$n-$tag"
  if grep -q '^TaskPlugin=task/cgroup' "$SLURM_CONF"; then
    wait_pod "fx-oom-$n-$tag" '.status.phase=="Failed" or .status.phase=="Succeeded"' 90 && save "$n" OutOfMemory "fx-oom-$n-$tag"
  else
    echo "this lab's Slurm does not enforce memory (no cgroup v1 memory controller): no OutOfMemory fixture" >&2
  fi
done
wait_pod "fx-nonode-$tag" '(.status.conditions // []) | map(select(.type=="PodScheduled" and .status=="False")) | length > 0' 60 &&
  save vega-vk WaitingForNode-NoSuchNode "fx-nonode-$tag"

for n in $NODES; do
  wait_pod "fx-cancel-$n-$tag" '.status.phase=="Running"' 90
  jid=$(k get pods -l "job-name=fx-cancel-$n-$tag" -o jsonpath='{.items[0].metadata.annotations.JobID}')
  k patch job "fx-cancel-$n-$tag" --type=merge -p '{"spec":{"suspend":true}}' >/dev/null
  for i in $(seq 1 60); do [ -z "$(k get pods -l "job-name=fx-cancel-$n-$tag" -o name)" ] && break; sleep 1; done
  save "$n" Cancelled "fx-cancel-$n-$tag"
  echo "Slurm job $jid of the cancelled Job: $(scontrol show job "$jid" | grep -o 'JobState=[A-Z]*')"
done

for n in $NODES; do
  wait_pod "fx-timeout-$n-$tag" '.status.phase=="Failed" or .status.phase=="Succeeded"' 200 && save "$n" TimedOut "fx-timeout-$n-$tag"
done
admin get node vega-vk -o json | jq 'del(.metadata.managedFields)' >"$OUT/node-Ready.json"

# Nodes that are NotReady: stop both plugins and wait for the next ping to fail.
for n in $NODES; do bash "$ROOT/lab/lab.sh" stop "$n-plugin"; done
trap 'for n in $NODES; do bash "$ROOT/lab/lab.sh" start "$n-plugin"; done' EXIT
for n in $NODES; do
  for i in $(seq 1 90); do
    [ "$(admin get node "$n" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = False ] && break; sleep 1
  done
done
sleep 8 # the node-lifecycle controller taints them not-ready
for n in $NODES; do job "fx-notready-$n-$tag" "$n" "--time=00:05:00 $f" 'echo never'; done
for n in $NODES; do
  wait_pod "fx-notready-$n-$tag" '(.status.conditions // []) | map(select(.type=="PodScheduled" and .status=="False")) | length > 0' 60 &&
    save "$n" WaitingForNode-NotReady "fx-notready-$n-$tag"
done
admin get node vega-vk -o json | jq 'del(.metadata.managedFields)' >"$OUT/node-NotReady.json"
k delete jobs -l oscar_service=fixture --wait=false >/dev/null
echo "fixtures in $OUT"
