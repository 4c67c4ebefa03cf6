# shellcheck shell=bash
# Sourced by scripts/start.sh and scripts/test.sh: installs what a fresh machine lacks.
# ensure_node_modules: `npm ci` when node_modules is missing or older than the lockfile.
# A node_modules that is a symbolic link (a git worktree sharing another checkout's) is left
# alone: `npm ci` through it removed the link and emptied the directory it pointed to, under
# every checkout sharing it. A lockfile merely checked out later than that install looks stale.
ensure_node_modules() {
  if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    if [ -L node_modules ]; then
      echo "node_modules links to $(readlink node_modules) and looks older than package-lock.json; not running npm ci through the link (run it where it points if the lockfiles differ)" >&2
      [ -x node_modules/.bin/next ] || return 1
      return 0
    fi
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
