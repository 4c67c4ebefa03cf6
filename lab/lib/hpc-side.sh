# shellcheck shell=bash
# What the lab's HPC side provides for the shipped service templates (their `needs` in
# lib/interlink/services/templates.ts; lib/interlink/services/lab-hpc.ts says the same to the dashboard).
# The HPC side is this machine, so the directories the templates bind are made here, outside
# the checkout, world-writable like /tmp: by lab/install-deps.sh (as root) or `lab up` as root.
HPC_PATHS="/shared/3dgan-data"

ensure_hpc_paths() {
  local p missing=()
  for p in $HPC_PATHS; do [ -d "$p" ] || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "lab: making the HPC-side directories the templates bind: ${missing[*]}" >&2
    install -d -m 1777 "${missing[@]}"
    return 0
  fi
  echo "lab: the HPC side lacks ${missing[*]}, which the shipped templates bind: run 'sudo bash lab/install-deps.sh' once" >&2
  return 1
}
