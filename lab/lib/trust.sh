# shellcheck shell=bash
# `npm run lab -- trust | untrust`: the lab's browser CA (setup_browser_ca in pki.sh) in the
# person's own NSS database, $HOME/.pki/nssdb, which Chromium and Chrome read on Linux
# (https://chromium.googlesource.com/chromium/src/+/main/docs/linux/cert_management.md).
# Run only when the person asks; idempotent; every command is printed before it runs.

NSSDB_DIR="$HOME/.pki/nssdb"
trust_nick() { echo "Offload lab CA ($LAB)"; }

# Quoted for a shell only where needed, so the printed line can be pasted as it is.
shown() {
  local a out=()
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:=,+-]+$ ]]; then out+=("$a"); else out+=("'${a//\'/\'\\\'\'}'"); fi
  done
  echo "${out[*]}"
}
run_shown() { echo "+ $(shown "$@")"; "$@"; }

trust_add_args() { TRUST_ARGS=(certutil -d "sql:$NSSDB_DIR" -A -t "C,," -n "$(trust_nick)" -i "$PKI/browser-ca.crt"); }
trust_del_args() { TRUST_ARGS=(certutil -d "sql:$NSSDB_DIR" -D -n "$(trust_nick)"); }

fingerprint() { openssl x509 -noout -fingerprint -sha256 2>/dev/null; }
nick_present() { certutil -d "sql:$NSSDB_DIR" -L -n "$(trust_nick)" >/dev/null 2>&1; }

is_trusted() {
  [ -f "$NSSDB_DIR/cert9.db" ] && command -v certutil >/dev/null || return 1
  local have; have=$(certutil -d "sql:$NSSDB_DIR" -L -n "$(trust_nick)" -a 2>/dev/null | fingerprint)
  [ -n "$have" ] && [ "$have" = "$(fingerprint <"$PKI/browser-ca.crt")" ]
}

cmd_trust() {
  [ -f "$PKI/browser-ca.crt" ] || { echo "lab: the lab has no CA yet: run 'npm run lab -- up' (or npm start) first" >&2; exit 1; }
  case "${1:-}" in
    --check) is_trusted; return ;;
    --show) trust_add_args; echo "trust:   $(shown "${TRUST_ARGS[@]}")"; trust_del_args; echo "untrust: $(shown "${TRUST_ARGS[@]}")"; return ;;
    '') ;;
    *) usage ;;
  esac
  command -v certutil >/dev/null || { echo "lab: certutil is missing: run 'sudo bash lab/install-deps.sh' once (Debian package libnss3-tools)" >&2; exit 1; }
  if is_trusted; then
    echo "lab: the NSS database $NSSDB_DIR already trusts the lab's CA. Undo: npm run lab -- untrust"
    return
  fi
  if [ ! -f "$NSSDB_DIR/cert9.db" ]; then
    run_shown mkdir -p "$NSSDB_DIR"
    run_shown certutil -d "sql:$NSSDB_DIR" -N --empty-password
  fi
  # A CA of an earlier .lab/ at this place goes first (its key is gone: it vouches for nothing).
  trust_del_args; while nick_present; do run_shown "${TRUST_ARGS[@]}"; done
  trust_add_args; run_shown "${TRUST_ARGS[@]}"
  echo "lab: Chromium and Chrome now trust the lab's sign-in page (only 127.0.0.1 and localhost: the CA is name-constrained)."
  echo "lab: restart the browser if it is open. Undo: npm run lab -- untrust"
}

cmd_untrust() {
  if ! command -v certutil >/dev/null || [ ! -f "$NSSDB_DIR/cert9.db" ]; then echo "lab: nothing to undo: no NSS database at $NSSDB_DIR"; return; fi
  if ! nick_present; then echo "lab: nothing to undo: $NSSDB_DIR has no '$(trust_nick)'"; return; fi
  trust_del_args; while nick_present; do run_shown "${TRUST_ARGS[@]}"; done
  echo "lab: the lab's CA is no longer trusted (restart the browser if it is open)."
}
