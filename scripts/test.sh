#!/usr/bin/env bash
# Runs every test on a fresh machine or a developer's: installs what is missing, lints, runs
# the unit tests, brings a lab up, runs the integration tests and the browser journeys against
# it, and takes that lab down again. A lab found running (e.g. `npm start`'s) is never used
# nor touched: the tests then run on a separate lab (scripts/lib/lab-state.sh, choose_test_lab).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s (%s)\n' "$*" "$(date +%H:%M:%S)"; }

# The steps on the lab keep their output in STEP_LOG too (made with the trap below), so that a
# failure ends with what failed: CI shows only the end of the output, and the component logs
# printed on failure are long enough to push the failing test's name out of it.
current_step=
# lab_step NAME CMD...: runs CMD as the step NAME, its output also in STEP_LOG.
lab_step() {
  local name=$1; shift
  step "$name"
  current_step=$name
  "$@" 2>&1 | tee "$STEP_LOG"
  current_step=
}

# failure_summary: the failed step, the lines of its output that name failures, its last lines.
failure_summary() {
  [ -n "$current_step" ] || return 0
  printf '\n=== npm test failed in the step "%s". Lines of it that name a failure:\n' "$current_step"
  # vitest: " FAIL  file > test", "× test"; Playwright's list reporter: "✘ … › test" and
  # its closing list "[chromium] › file:line › test"; the soak: "soak: FAILED …".
  # Colours off first: vitest colours its output under CI=true even into a pipe.
  local plain; plain=$(sed 's/\x1b\[[0-9;]*m//g' "$STEP_LOG")
  grep -E '^ *(FAIL|×|✘)|^ +\[[a-z]+\] › |[0-9]+ (failed|flaky)|FAILED|Error:' <<<"$plain" | head -n 60 || true
  printf '\n=== the last 30 lines of that step:\n'
  tail -n 30 <<<"$plain"
}

# shellcheck source=lib/ensure-deps.sh
source scripts/lib/ensure-deps.sh
# shellcheck source=lib/lab-state.sh
source scripts/lib/lab-state.sh
step "dependencies"; ensure_lab_packages; ensure_node_modules

step "lint and type check"; npm run lint
step "unit tests"; npm run test:unit

step "which lab"
choose_test_lab
# The running lab's processes, to show at the end that they are the same.
user_lab_before=
if [ "$TEST_LAB_SEPARATE" = 1 ]; then user_lab_before=$(OFFLOAD_LAB_DIR=$USER_LAB_DIR bash lab/lab.sh status); fi

on_exit() {
  local rc=$?
  if [ "$rc" != 0 ]; then
    echo "tests failed (exit $rc); lab status and component log tails ($OFFLOAD_LAB_DIR):" >&2
    bash lab/lab.sh status >&2 || true
    for f in "$OFFLOAD_LAB_DIR"/logs/*.log; do
      case "$f" in *audit.log) continue ;; esac
      printf '\n--- %s\n' "$f" >&2; tail -n 25 "$f" >&2 || true
    done
  fi
  # The lab the tests ran on was down before them (choose_test_lab makes sure of it).
  bash lab/lab.sh down || true
  if [ "$TEST_LAB_SEPARATE" = 1 ]; then
    local after; after=$(OFFLOAD_LAB_DIR=$USER_LAB_DIR bash lab/lab.sh status || true)
    if [ "$after" = "$user_lab_before" ]; then
      echo "the lab in $(show_dir "$USER_LAB_DIR") was left as it was (same processes)"
    else
      printf 'WARNING: the lab in %s changed during the tests (not through them: they ran on %s).\nbefore:\n%s\nafter:\n%s\n' \
        "$(show_dir "$USER_LAB_DIR")" "$(show_dir "$OFFLOAD_LAB_DIR")" "$user_lab_before" "$after" >&2
    fi
  fi
  [ "$rc" = 0 ] || failure_summary >&2
  rm -f "$STEP_LOG"
  exit "$rc"
}
STEP_LOG=$(mktemp "${TMPDIR:-/tmp}/offload-test.XXXXXX")
trap on_exit EXIT

lab_step "lab up ($(show_dir "$OFFLOAD_LAB_DIR"), port offset ${OFFLOAD_LAB_PORT_OFFSET:-0})" bash lab/lab.sh up
lab_step "integration tests against the lab" npm run test:integration
lab_step "browser journeys (Chromium) against the lab" npm run e2e
lab_step "faults and load, short variant (SOAK_PROFILE=short npm run soak)" env SOAK_PROFILE=short npm run soak
step "all tests passed"
