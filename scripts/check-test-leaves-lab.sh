#!/usr/bin/env bash
# Acceptance check of issue #19, run by hand: it runs the whole `npm test`, so `npm test`
# cannot run it. With `npm start` serving on its lab, `npm test` passes, and afterwards the
# dashboard is still ready (/api/readyz 200), the lab runs the same processes (same pids)
# and holds nothing the tests created.
#
#   npm start                                  # terminal 1: brings .lab up, serves :3000
#   bash scripts/check-test-leaves-lab.sh      # terminal 2 (PORT or OFFLOAD_URL if not :3000)
#
# The environment is passed to npm test as it is (OFFLOAD_LAB_DIR / OFFLOAD_LAB_PORT_OFFSET
# name the lab npm start uses, when not .lab at offset 0). npm test's output is also kept in
# $OFFLOAD_CHECK_LOG (default: a temporary file). Exit 0 when every check holds, 1 when one
# fails, 2 when there is no running dashboard and lab to check against.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/lab-state.sh
source scripts/lib/lab-state.sh

url=${OFFLOAD_URL:-http://127.0.0.1:${PORT:-3000}}
lab=$(lab_dir)
log=${OFFLOAD_CHECK_LOG:-$(mktemp -t offload-npm-test.XXXXXX)}
audit=$lab/logs/audit.log

readyz() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/api/readyz" || true; }
# Objects created in the lab at or after $1 (RFC 3339, UTC): what the tests would leave.
created_since() {
  "$lab/bin/kubectl" --kubeconfig="$lab/kubeconfig" --request-timeout=20s get \
    jobs,pods,namespaces,serviceaccounts,configmaps,secrets,clusterroles,clusterrolebindings -A -o json |
    jq -r --arg t "$1" '.items[] | select(.metadata.creationTimestamp >= $t) | "\(.kind) \(.metadata.namespace // "-")/\(.metadata.name)"'
}

state=$(lab_state "$lab")
if [ "$state" != up ]; then
  echo "the lab in $(show_dir "$lab") is $state: start the dashboard with npm start first" >&2; exit 2
fi
code=$(readyz)
if [ "$code" != 200 ]; then
  echo "$url/api/readyz answers $code: start the dashboard with npm start first (PORT or OFFLOAD_URL if not :3000)" >&2; exit 2
fi

pids_before=$(OFFLOAD_LAB_DIR=$lab bash lab/lab.sh status)
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
audit_from=$(stat -c %s "$audit" 2>/dev/null || echo 0)
echo "before: $url/api/readyz $code; the lab in $(show_dir "$lab"):"
echo "$pids_before"

# The dashboard's readiness all along, every 15 s (for the report; the check is afterwards).
polls=$(mktemp)
( while :; do readyz >>"$polls"; echo >>"$polls"; sleep 15; done ) &
poller=$!

echo "running npm test (output also in $log)"
set +e
npm test 2>&1 | tee "$log"
test_rc=${PIPESTATUS[0]}
set -e
kill "$poller" 2>/dev/null || true
wait "$poller" 2>/dev/null || true

pids_after=$(OFFLOAD_LAB_DIR=$lab bash lab/lab.sh status)
code_after=$(readyz)
created=$(created_since "$since")
# The tests' servers name themselves test-…, e2e-… or in-cluster-… in their user agent
# (scripts/lib/offload-server.ts, e2e/playwright.config.ts, deploy/test/in-cluster.int.test.ts).
new_audit=$(mktemp)
audit_to=$(stat -c %s "$audit" 2>/dev/null || echo 0)
if [ "$audit_to" -ge "$audit_from" ]; then tail -c "+$((audit_from + 1))" "$audit" >"$new_audit" 2>/dev/null || true
else cp "$audit" "$new_audit"; fi # rotated meanwhile: look at all of it
test_requests=$(grep -cE '"userAgent":"offload-dashboard/[^"]*\((test|e2e|in-cluster)-' "$new_audit" || true)
not_ready=$(grep -cv '^200$' "$polls" || true)
polled=$(grep -c . "$polls" || true)
rm -f "$polls" "$new_audit"

failed=0
check() { # check OK DESCRIPTION
  if [ "$1" = 1 ]; then echo "PASS  $2"; else echo "FAIL  $2"; failed=1; fi
}
echo
echo "after:"
check "$([ "$test_rc" = 0 ] && echo 1)" "npm test passed (exit $test_rc)"
check "$([ "$code_after" = 200 ] && echo 1)" "$url/api/readyz answers $code_after"
check "$([ "$pids_after" = "$pids_before" ] && echo 1)" "the lab in $(show_dir "$lab") runs the same processes (lab.sh status, pids included)"
check "$([ -z "$created" ] && echo 1)" "nothing was created in that lab since $since${created:+: $(echo "$created" | tr '\n' ' ')}"
check "$([ "$test_requests" = 0 ] && echo 1)" "its audit log has no request from a test server ($test_requests)"
check "$(grep -q 'testing on a separate lab' "$log" && echo 1)" "npm test said it tested on a separate lab"
check "$(grep -q 'was left as it was' "$log" && echo 1)" "npm test said it left the running lab as it was"
echo "INFO  readyz during npm test: $polled polls, $not_ready not 200"
if [ "$pids_after" != "$pids_before" ]; then printf 'lab.sh status before:\n%s\nafter:\n%s\n' "$pids_before" "$pids_after"; fi
exit "$failed"
