# shellcheck shell=bash
# Sourced by scripts/test.sh, scripts/start.sh and scripts/check-test-leaves-lab.sh: whether
# a lab is up, and which lab `npm test` runs on. The answer comes from the exit code of
# `lab.sh status --quiet`, never from a pipe: `lab.sh status | grep -q …` under pipefail
# reported a running lab as down whenever grep's early exit killed lab.sh with SIGPIPE
# (issue #19).

LAB_STATE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# lab_dir: the lab's directory, absolute ($OFFLOAD_LAB_DIR, else .lab), as lab/lab.sh sees it.
lab_dir() {
  local d=${OFFLOAD_LAB_DIR:-$LAB_STATE_ROOT/.lab}
  case "$d" in /*) echo "$d" ;; *) echo "$PWD/$d" ;; esac
}

# lab_state [DIR]: prints `up` (every component runs), `partial` (some do) or `down` (none)
# for the lab in DIR (default: lab_dir). Fails, saying why, when lab.sh cannot tell.
lab_state() {
  local dir rc=0; dir=${1:-$(lab_dir)}
  OFFLOAD_LAB_DIR=$dir bash "$LAB_STATE_ROOT/lab/lab.sh" status --quiet || rc=$?
  case "$rc" in
    0) echo up ;;
    3) echo partial ;;
    1) echo down ;;
    *) echo "lab_state: 'lab.sh status --quiet' for $dir exited with $rc" >&2; return 1 ;;
  esac
}

# show_dir DIR: DIR relative to the repository when inside it (for messages).
show_dir() { case "$1" in "$LAB_STATE_ROOT"/*) echo "${1#"$LAB_STATE_ROOT"/}" ;; *) echo "$1" ;; esac; }

# choose_test_lab: decides which lab `npm test` runs on and exports OFFLOAD_LAB_DIR,
# OFFLOAD_LAB_PORT_OFFSET and KUBECONFIG for everything the tests start. The suite changes
# the lab it runs on (it creates jobs; its fault tests stop and restart components), so it
# never runs on a lab somebody else is using:
# - the lab (lab_dir) is down: the tests run on it, as on a fresh machine;
# - it runs, wholly or in part (e.g. for `npm start`): they run on a lab of their own in
#   $OFFLOAD_TEST_LAB_DIR (default .lab-test) at port offset $OFFLOAD_TEST_LAB_PORT_OFFSET
#   (default the caller's offset + 300, so its ports cannot meet the running lab's), and the
#   running lab is left alone. That own lab must be down (another `npm test` may be using it).
# Sets TEST_LAB_SEPARATE (1 or 0) and USER_LAB_DIR (the lab found running, when separate).
choose_test_lab() {
  local main state; main=$(lab_dir); state=$(lab_state "$main") || return 1
  # shellcheck disable=SC2034 # read by the caller (scripts/test.sh)
  TEST_LAB_SEPARATE=0 USER_LAB_DIR=
  if [ "$state" = down ]; then
    echo "the lab in $(show_dir "$main") is down: testing on it (it is brought up, and down again at the end)"
    export OFFLOAD_LAB_DIR=$main
  else
    local dir=${OFFLOAD_TEST_LAB_DIR:-$LAB_STATE_ROOT/.lab-test}
    case "$dir" in /*) ;; *) dir=$PWD/$dir ;; esac
    local offset=${OFFLOAD_TEST_LAB_PORT_OFFSET:-$(( ${OFFLOAD_LAB_PORT_OFFSET:-0} + 300 ))}
    if [ "$dir" = "$main" ]; then
      echo "the lab in $(show_dir "$main") runs and is also the test lab (OFFLOAD_TEST_LAB_DIR): set OFFLOAD_TEST_LAB_DIR to another directory" >&2
      return 1
    fi
    local own; own=$(lab_state "$dir") || return 1
    if [ "$own" != down ]; then
      echo "the lab in $(show_dir "$main") runs, and so does the test lab in $(show_dir "$dir") (another npm test?)." >&2
      echo "If no npm test is running, take it down: OFFLOAD_LAB_DIR=$dir npm run lab -- down" >&2
      return 1
    fi
    echo "found the lab in $(show_dir "$main") running (used by npm start?); testing on a separate lab in $(show_dir "$dir") at port offset $offset; $(show_dir "$main") is left as it is"
    # shellcheck disable=SC2034 # read by the caller (scripts/test.sh)
    TEST_LAB_SEPARATE=1 USER_LAB_DIR=$main
    export OFFLOAD_LAB_DIR=$dir OFFLOAD_LAB_PORT_OFFSET=$offset
  fi
  export KUBECONFIG=$OFFLOAD_LAB_DIR/kubeconfig
}
