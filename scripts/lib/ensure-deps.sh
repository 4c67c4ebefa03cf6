# shellcheck shell=bash
# Sourced by scripts/start.sh and scripts/test.sh: installs what a fresh machine lacks.
# ensure_node_modules: `npm ci` when node_modules is missing or older than the lockfile.
ensure_node_modules() {
  if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> npm ci" >&2
    npm ci --no-audit --no-fund >&2
  fi
}

# ensure_lab_packages: the Debian packages the lab and the browser tests need (as root).
ensure_lab_packages() {
  if [ "$(id -u)" = 0 ]; then
    bash lab/install-deps.sh >&2
  elif ! command -v sbatch >/dev/null || ! command -v chromium >/dev/null || ! command -v certutil >/dev/null; then
    echo "Debian packages missing: run 'sudo bash lab/install-deps.sh' once." >&2
    return 1
  fi
}
