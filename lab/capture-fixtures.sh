#!/usr/bin/env bash
# Captures real Job + Pod (+ Events) objects from the lab in each state the job-state mapping
# must recognise, as JSON fixtures for its unit tests (lib/interlink/fixtures/lab/).
# Usage: bash lab/capture-fixtures.sh   (the lab must be up; takes about 3 minutes)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/lib/interlink/fixtures/lab
LAB=${OFFLOAD_LAB_DIR:-$ROOT/.lab}
export PATH="$LAB/bin:$PATH" SLURM_CONF=$LAB/slurm/slurm.conf
k() { kubectl --kubeconfig="$LAB/users/alice.kubeconfig" -n alice "$@"; }
mkdir -p "$OUT"
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

# save STATE NAME: writes {job, pod, events} with managedFields trimmed.
save() {
  local state=$1 name=$2 pod
  pod=$(k get pods -l "job-name=$name" -o json | jq '.items[0] // null')
  local podname; podname=$(jq -r '.metadata.name // ""' <<<"$pod")
  jq -n --argjson job "$(k get job "$name" -o json)" --argjson pod "$pod" \
    --argjson events "$(k get events --field-selector "involvedObject.name=$podname" -o json | jq '.items')" \
    --arg state "$state" --arg captured "$(date -Is)" \
    '{state: $state, captured: $captured, source: "lab", job: $job, pod: $pod, events: $events}
     | del(.. | .managedFields?)' >"$OUT/$state.json"
  echo "captured $state from $name"
}

wait_pod() { # name jq-condition seconds
  local i; for i in $(seq 1 "$3"); do
    k get pods -l "job-name=$1" -o json | jq -e ".items[0] | select($2)" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "timed out waiting for $1: $2" >&2; return 1
}

f=--cpus-per-task=1\ --mem=100M
job "fx-ok-$tag" vega-vk "--time=00:05:00 $f" 'echo done'
job "fx-exit3-$tag" vega-vk "--time=00:05:00 $f" 'echo failing; exit 3'
job "fx-run-$tag" vega-vk "--time=00:05:00 $f" 'sleep 120'
job "fx-timeout-$tag" vega-vk "--time=1 $f" 'sleep 600'
job "fx-queued-$tag" vega-vk "--time=00:05:00 --begin=now+3600 $f" 'echo later'
job "fx-badpart-$tag" vega-vk "--time=00:05:00 --partition=nosuchpartition $f" 'echo never'
job "fx-nonode-$tag" nosuch-vk "--time=00:05:00 $f" 'echo never'
job "fx-cancel-$tag" vega-vk "--time=00:05:00 $f" 'sleep 300'

wait_pod "fx-ok-$tag" '.status.phase=="Succeeded"' 90 && save Succeeded "fx-ok-$tag"
wait_pod "fx-exit3-$tag" '.status.phase=="Failed"' 90 && save Failed "fx-exit3-$tag"
wait_pod "fx-run-$tag" '.status.phase=="Running"' 90 && save Running "fx-run-$tag"
wait_pod "fx-queued-$tag" '.metadata.annotations.JobID != null and .status.phase=="Pending"' 90 && sleep 6 && save Queued "fx-queued-$tag"
wait_pod "fx-badpart-$tag" '.status.reason=="ProviderFailed"' 90 && save SubmissionFailed "fx-badpart-$tag"
wait_pod "fx-nonode-$tag" '(.status.conditions // []) | map(select(.type=="PodScheduled" and .status=="False")) | length > 0' 60 && save WaitingForNode-NoSuchNode "fx-nonode-$tag"

wait_pod "fx-cancel-$tag" '.status.phase=="Running"' 90
jid=$(k get pods -l "job-name=fx-cancel-$tag" -o jsonpath='{.items[0].metadata.annotations.JobID}')
k patch job "fx-cancel-$tag" --type=merge -p '{"spec":{"suspend":true}}' >/dev/null
for i in $(seq 1 60); do [ -z "$(k get pods -l "job-name=fx-cancel-$tag" -o name)" ] && break; sleep 1; done
save Cancelled "fx-cancel-$tag"
echo "Slurm job $jid of the cancelled Job: $(scontrol show job "$jid" | grep -o 'JobState=[A-Z]*')"

# A node that is NotReady: stop lumi-vk's plugin and wait for the next ping to fail.
bash "$ROOT/lab/lab.sh" stop lumi-vk-plugin
trap 'bash "$ROOT/lab/lab.sh" start lumi-vk-plugin' EXIT
for i in $(seq 1 60); do
  [ "$(kubectl --kubeconfig="$LAB/kubeconfig" get node lumi-vk -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = False ] && break; sleep 1
done
sleep 8 # the node-lifecycle controller taints it not-ready
job "fx-notready-$tag" lumi-vk "--time=00:05:00 $f" 'echo never'
wait_pod "fx-notready-$tag" '(.status.conditions // []) | map(select(.type=="PodScheduled" and .status=="False")) | length > 0' 60 && save WaitingForNode-NotReady "fx-notready-$tag"

wait_pod "fx-timeout-$tag" '.status.phase=="Failed" or .status.phase=="Succeeded"' 200 && save TimedOut "fx-timeout-$tag"
kubectl --kubeconfig="$LAB/kubeconfig" get node lumi-vk -o json | jq 'del(.metadata.managedFields)' >"$OUT/node-NotReady.json"
k delete jobs -l oscar_service=fixture --wait=false >/dev/null
echo "fixtures in $OUT"
