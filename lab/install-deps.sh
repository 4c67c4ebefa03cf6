#!/usr/bin/env bash
# Debian packages the lab and the browser tests need, and the directories the lab's HPC side
# provides for the templates. Safe to run again.
set -euo pipefail
pkgs=(slurm-wlm munge bubblewrap chromium gettext-base curl openssl jq libnss3-tools)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# The directories the shipped service templates bind on the lab's HPC side (this machine).
# shellcheck source=lib/hpc-side.sh
source "$(dirname "$0")/lib/hpc-side.sh"
ensure_hpc_paths
