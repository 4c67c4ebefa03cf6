#!/usr/bin/env bash
# Runs every test on a fresh machine or a developer's: installs what is missing, lints, runs
# the unit tests, brings the lab up (if it is not up already), runs the integration tests and
# the browser journeys against it, and takes the lab down again if it started it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s (%s)\n' "$*" "$(date +%H:%M:%S)"; }

# shellcheck source=lib/ensure-deps.sh
source scripts/lib/ensure-deps.sh
step "dependencies"; ensure_lab_packages; ensure_node_modules

step "lint and type check"; npm run lint
step "unit tests"; npm run test:unit

lab_was_up=0
bash lab/lab.sh status 2>/dev/null | grep -qE '^apiserver +running' && lab_was_up=1
on_exit() {
  local rc=$?
  if [ "$rc" != 0 ]; then
    echo "tests failed (exit $rc); lab status and component log tails:" >&2
    bash lab/lab.sh status >&2 || true
    for f in .lab/logs/*.log; do
      case "$f" in *audit.log) continue ;; esac
      printf '\n--- %s\n' "$f" >&2; tail -n 25 "$f" >&2 || true
    done
  fi
  if [ "$lab_was_up" = 0 ]; then bash lab/lab.sh down || true; fi
  exit "$rc"
}
trap on_exit EXIT

step "lab up"; bash lab/lab.sh up
step "integration tests against the lab"; npm run test:integration
step "browser journeys (Chromium) against the lab"; npm run e2e
step "all tests passed"
