#!/usr/bin/env bash
# Debian packages the lab and the browser tests need. Safe to run again.
set -euo pipefail
pkgs=(slurm-wlm munge bubblewrap chromium gettext-base curl openssl jq)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
