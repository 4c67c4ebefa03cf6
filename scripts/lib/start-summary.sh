#!/usr/bin/env bash
# The last thing `npm start` prints (scripts/start.sh): where the dashboard is, how to sign in
# (on the lab: its people, their password files, the trust step while the browser lacks it),
# how to stop it and where the logs are. With --when-ready it waits (at most 180 s) until the
# server answers /api/healthz, so "ready" is true when it is read.
# Environment: PORT, OFFLOAD_BIND, OFFLOAD_LAB=1 when the server runs against the lab.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

bind=${OFFLOAD_BIND:-127.0.0.1}
probe=http://$([ "$bind" = 0.0.0.0 ] && echo 127.0.0.1 || echo "$bind"):${PORT:-3000}/api/healthz
if [ "${1:-}" = --when-ready ]; then
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null --max-time 2 "$probe" 2>/dev/null && break
    sleep 1
  done
  curl -fsS -o /dev/null --max-time 2 "$probe" 2>/dev/null || { echo "start: the server did not answer at $probe within 180 s; its own output above says why"; exit 1; }
fi

[ "$bind" = 0.0.0.0 ] && bind=$(hostname -f 2>/dev/null || hostname)
echo
echo "Offload is ready: http://$bind:${PORT:-3000}"
if [ "${OFFLOAD_LAB:-}" = 1 ]; then
  echo "  Sign in:  \"Sign in with single sign-on\", as admin, alice or bob; the password is in .lab/users/<name>.password"
  echo "            (e.g. cat .lab/users/alice.password)"
  if ! bash lab/lab.sh trust --check 2>/dev/null; then
    echo "            Your browser does not trust the lab's sign-in page yet. For Chromium and Chrome, for you only:"
    echo "              npm run lab -- trust      (npm run lab -- untrust removes it again); it runs, after making the"
    echo "              database if there is none:"
    bash lab/lab.sh trust --show 2>/dev/null | sed 's/^/                /'
  fi
else
  echo "  Sign in:  as the sign-in page offers: single sign-on, or a Kubernetes token (kubectl create token …)"
fi
if [ "${OFFLOAD_LAB:-}" = 1 ]; then
  echo "  Stop:     Ctrl-C stops the dashboard; npm run lab -- down stops the lab"
  echo "  Logs:     the dashboard's, here (JSON lines); the lab's, in .lab/logs/<component>.log (npm run lab -- logs <component>)"
else
  echo "  Stop:     Ctrl-C"
  echo "  Logs:     here (JSON lines)"
fi
