# shellcheck shell=bash
# PKI, tokens and kubeconfigs for the lab's control plane. Idempotent: files are created once.

pki_cert() { # name cn org [sans] [ca]: a client or serving certificate signed by the lab CA (or $PKI/<ca>)
  local name=$1 cn=$2 org=$3 sans=${4:-} ca=${5:-ca}
  [ -f "$PKI/$name.crt" ] && return
  local subj="/CN=$cn"; [ -n "$org" ] && subj="/O=$org$subj"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  local ext; ext=$(mktemp)
  if [ -n "$sans" ]; then
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$sans" >"$ext"
  else
    printf 'extendedKeyUsage=clientAuth\n' >"$ext"
  fi
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$ext" "$PKI/$name.csr"
}

kubeconfig_for() { # file user (cert name | --token TOKEN)
  local file=$1 user=$2; shift 2
  local kc=(kubectl --kubeconfig="$file")
  "${kc[@]}" config set-cluster offload-lab --server="https://127.0.0.1:$APISERVER_PORT" \
    --certificate-authority="$PKI/ca.crt" --embed-certs=true >/dev/null
  if [ "$1" = --token ]; then
    "${kc[@]}" config set-credentials "$user" --token="$2" >/dev/null
  else
    "${kc[@]}" config set-credentials "$user" --client-certificate="$PKI/$1.crt" \
      --client-key="$PKI/$1.key" --embed-certs=true >/dev/null
  fi
  "${kc[@]}" config set-context "$user@offload-lab" --cluster=offload-lab --user="$user" >/dev/null
  "${kc[@]}" config use-context "$user@offload-lab" >/dev/null
  chmod 600 "$file"
}

setup_pki() {
  mkdir -p "$PKI" "$LAB/users"
  if [ ! -f "$PKI/ca.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" \
      -days 3650 -subj "/CN=offload-lab-ca" 2>/dev/null
  fi
  [ -f "$PKI/sa.key" ] || { openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null; openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null; }
  pki_cert apiserver kube-apiserver "" "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  pki_cert admin admin system:masters
  pki_cert controller-manager system:kube-controller-manager system:masters
  pki_cert scheduler system:kube-scheduler system:masters
  pki_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
  pki_cert kwok kwok system:masters
  local n
  for n in $VIRTUAL_NODES; do
    pki_cert "vk-$n" "interlink:$n" offload-lab:virtual-kubelets
    pki_cert "kubelet-$n" "$n" "" "IP:127.0.0.1,DNS:$n"
  done
  # Static bearer tokens for people (the API server's --token-auth-file).
  if [ ! -f "$PKI/tokens.csv" ]; then
    : >"$PKI/tokens.csv"
    local u groups
    for u in admin alice bob; do
      groups=offload:researchers; [ "$u" = admin ] && groups=system:masters
      openssl rand -hex 24 >"$LAB/users/$u.token"
      printf '%s,%s,%s,"%s"\n' "$(cat "$LAB/users/$u.token")" "$u" "uid-$u" "$groups" >>"$PKI/tokens.csv"
    done
    chmod 600 "$PKI/tokens.csv" "$LAB"/users/*.token
  fi
  [ -f "$LAB/kubeconfig" ] || kubeconfig_for "$LAB/kubeconfig" admin admin
  [ -f "$PKI/controller-manager.kubeconfig" ] || kubeconfig_for "$PKI/controller-manager.kubeconfig" controller-manager controller-manager
  [ -f "$PKI/scheduler.kubeconfig" ] || kubeconfig_for "$PKI/scheduler.kubeconfig" scheduler scheduler
  [ -f "$PKI/kwok.kubeconfig" ] || kubeconfig_for "$PKI/kwok.kubeconfig" kwok kwok
  for n in $VIRTUAL_NODES; do
    [ -f "$PKI/vk-$n.kubeconfig" ] || kubeconfig_for "$PKI/vk-$n.kubeconfig" "vk-$n" "vk-$n"
  done
  for u in admin alice bob; do
    [ -f "$LAB/users/$u.kubeconfig" ] || kubeconfig_for "$LAB/users/$u.kubeconfig" "$u" --token "$(cat "$LAB/users/$u.token")"
  done
  cat >"$PKI/audit-policy.yaml" <<'POL'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: Metadata
POL
}

# The lab's OpenID Connect provider: its https certificate, the people's passwords, the
# dashboard's client secret and cookie keys. The API server trusts its ID tokens.
setup_oidc() {
  mkdir -p "$LAB/oidc"
  setup_browser_ca
  local u
  for u in admin alice bob; do
    [ -f "$LAB/users/$u.password" ] || { openssl rand -hex 12 >"$LAB/users/$u.password"; chmod 600 "$LAB/users/$u.password"; }
  done
  [ -f "$LAB/oidc/client-secret" ] || { openssl rand -hex 24 >"$LAB/oidc/client-secret"; chmod 600 "$LAB/oidc/client-secret"; }
  [ -f "$LAB/oidc/cookie-key" ] || openssl rand -hex 32 >"$LAB/oidc/cookie-key"
  jq -n --argjson port "$OIDC_PORT" --arg cert "$PKI/oidc.crt" --arg key "$PKI/oidc.key" \
    --arg secret "$(cat "$LAB/oidc/client-secret")" --arg cookie "$(cat "$LAB/oidc/cookie-key")" \
    --argjson ttl "${OFFLOAD_LAB_ID_TOKEN_TTL:-3600}" --arg jwks "$LAB/oidc/jwks.json" \
    --arg pa "$(cat "$LAB/users/admin.password")" --arg pal "$(cat "$LAB/users/alice.password")" --arg pb "$(cat "$LAB/users/bob.password")" \
    '{port: $port, certFile: $cert, keyFile: $key, clientId: "offload", clientSecret: $secret,
      idTokenTtlSeconds: $ttl, cookieKeys: [$cookie], jwksFile: $jwks,
      users: {admin: {password: $pa, groups: ["system:masters"], email: "admin@offload.lab"},
              alice: {password: $pal, groups: ["offload:researchers"], email: "alice@offload.lab"},
              bob: {password: $pb, groups: ["offload:researchers"], email: "bob@offload.lab"}}}' \
    >"$LAB/oidc/config.json"
  chmod 600 "$LAB/oidc/config.json"
}

# constrained_ca NAME: a CA that can vouch only for 127.0.0.1 and localhost (critical X.509
# name constraints, RFC 5280 §4.2.1.10), with a name unique to this lab.
constrained_ca() {
  local cnf; cnf=$(mktemp)
  cat >"$cnf" <<CNF
[req]
distinguished_name = dn
prompt = no
x509_extensions = ext
[dn]
O = Offload lab
CN = Offload lab localhost-only CA $(hostname -s 2>/dev/null || echo host) $(date -u +%Y-%m-%dT%H%M%S) $(openssl rand -hex 3)
[ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,permitted;IP:127.0.0.1/255.255.255.255,permitted;DNS:localhost
subjectKeyIdentifier = hash
CNF
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/$1.key" -out "$PKI/$1.crt" -days 3650 -config "$cnf" 2>/dev/null
  rm -f "$cnf"
}

# The only CA a person's browser is asked to trust (`npm run lab -- trust`): it signs the
# provider's https certificate and nothing else. Name-constrained, and its key is deleted
# once that certificate is signed, so trusting it vouches for nothing but this lab's
# provider. Made on a fresh .lab/ (or one from before it existed; the provider and the API
# server, which reads it with --oidc-ca-file, then restart to use it).
setup_browser_ca() {
  [ -f "$PKI/browser-ca.crt" ] && [ -f "$PKI/oidc.crt" ] && return
  rm -f "$PKI/oidc.crt" "$PKI/oidc.key"
  constrained_ca browser-ca
  pki_cert oidc offload-lab-oidc "" "IP:127.0.0.1,DNS:localhost" browser-ca
  rm -f "$PKI/browser-ca.key" "$PKI/browser-ca.srl"
  stop_component oidc; stop_component apiserver
}
