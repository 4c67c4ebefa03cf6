#!/usr/bin/env bash
# Builds the lab's binaries from upstream Go modules through small wrapper modules.
# Binaries are cached by version in $OFFLOAD_LAB_CACHE (default ~/.cache/offload-lab) and
# copied into the lab's bin/ (.lab/bin, or $OFFLOAD_LAB_DIR/bin); a component is rebuilt only when its pin (or source hash) changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
cache=${OFFLOAD_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/offload-lab}
lab=${OFFLOAD_LAB_DIR:-$root/.lab}
case "$lab" in /*) ;; *) lab=$PWD/$lab ;; esac
bin="$lab/bin"
mkdir -p "$cache" "$bin"
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false

log() { printf '[lab build %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# run_with_progress NAME CMD...: runs CMD, printing elapsed time every 30 s so a long
# build never goes silent; on failure prints the tail of its output.
run_with_progress() {
  local name=$1; shift
  local out; out=$(mktemp)
  local start=$SECONDS
  "$@" >"$out" 2>&1 &
  local pid=$! next=30
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    if (( SECONDS - start >= next )) && kill -0 "$pid" 2>/dev/null; then
      log "$name: still building ($((SECONDS - start)) s)"
      next=$((next + 30))
    fi
  done
  if ! wait "$pid"; then
    log "$name: FAILED after $((SECONDS - start)) s; last output:"
    tail -n 40 "$out" >&2
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
  log "$name: built in $((SECONDS - start)) s"
}

# wrapper DIR MODULE@VERSION: a throwaway module that requires MODULE, so that modules
# whose go.mod carries replace lines (which `go install mod@ver` refuses) can be built.
wrapper() {
  local dir=$1 modver=$2
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && go mod init "offload-lab/wrapper" >/dev/null 2>&1 && go mod edit -require="$modver")
}

# install_cached KEY NAMES...: copy cached binaries into the lab's bin/; returns 1 if missing.
install_cached() {
  local key=$1; shift
  local n
  for n in "$@"; do [ -e "$cache/$key/$n" ] || return 1; done
  for n in "$@"; do cp -f "$cache/$key/$n" "$bin/$n.tmp" && mv -f "$bin/$n.tmp" "$bin/$n"; done
}

build_kubernetes() {
  local key="kubernetes-$K8S_VERSION" names=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
  install_cached "$key" "${names[@]}" && { log "kubernetes $K8S_VERSION: cached"; return; }
  local w="$cache/work/kubernetes" out="$cache/$key.partial"
  wrapper "$w" "k8s.io/kubernetes@$K8S_VERSION"
  local gomod; gomod=$(cd "$w" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | jq -r .GoMod)
  # k8s.io/kubernetes requires its staging modules at v0.0.0: point each at the release.
  local minor=${K8S_VERSION#v1.}
  local staging
  staging=$(awk '/^replace/{r=1} r && $1 ~ /^k8s\.io\// && $2 == "=>" && $3 ~ /^\.\/staging/ {print $1} /^\)/{r=0}' "$gomod")
  [ -n "$staging" ] || { log "no staging replaces found in $gomod"; return 1; }
  local m; for m in $staging; do (cd "$w" && go mod edit -replace="$m=$m@v0.$minor"); done
  local pkgs=(k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
  (cd "$w" && go get "${pkgs[@]/%/@$K8S_VERSION}" >/dev/null 2>&1 || go mod tidy >/dev/null 2>&1 || true)
  local major=${K8S_VERSION#v}; major=${major%%.*}
  local mn=${K8S_VERSION#v*.}; mn=${mn%%.*}
  local ld="" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=$major -X $p.gitMinor=$mn -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  rm -rf "$out"; mkdir -p "$out"
  run_with_progress "kubernetes $K8S_VERSION" bash -c "cd '$w' && go build -trimpath -ldflags '-s -w $ld' -o '$out/' ${pkgs[*]}"
  rm -rf "${cache:?}/$key"; mv "$out" "$cache/$key"
  install_cached "$key" "${names[@]}"
}

# build_binary NAME VERSION MODULE PACKAGE [LDFLAGS]: one binary from one upstream module,
# through a wrapper module, cached as <name>-<version>.
build_binary() {
  local name=$1 version=$2 module=$3 pkg=$4 ld=${5:-}
  local key="$name-$version" w="$cache/work/$name" out="$cache/$name-$version.partial"
  wrapper "$w" "$module@$version"
  (cd "$w" && go get "$pkg@$version" >/dev/null 2>&1 || true)
  rm -rf "$out"; mkdir -p "$out"
  run_with_progress "$name $version" bash -c "cd '$w' && go build -trimpath -ldflags '-s -w $ld' -o '$out/$name' $pkg"
  rm -rf "${cache:?}/$key"; mv "$out" "$cache/$key"
}

build_etcd() {
  install_cached "etcd-$ETCD_VERSION" etcd && { log "etcd $ETCD_VERSION: cached"; return; }
  build_binary etcd "$ETCD_VERSION" go.etcd.io/etcd/server/v3 go.etcd.io/etcd/server/v3
  install_cached "etcd-$ETCD_VERSION" etcd
}

# kwok's default stages (node initialise + lease heartbeat, pod ready/complete/delete) ship
# as YAML in its module; kwok refuses to start without stages.
kwok_stages() {
  local key=$1 dir
  [ -s "$cache/$key/kwok-stages.yaml" ] && return
  dir=$(cd "$cache" && go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | jq -r .Dir)
  local f; for f in "$dir"/kustomize/stage/node/fast/node-initialize.yaml "$dir"/kustomize/stage/node/heartbeat-with-lease/*.yaml "$dir"/kustomize/stage/pod/fast/*.yaml; do
    case "$f" in */kustomization.yaml) continue ;; esac
    printf -- '---\n'; cat "$f"
  done >"$cache/$key/kwok-stages.yaml"
}

build_kwok() {
  local key="kwok-$KWOK_VERSION"
  [ -x "$cache/$key/kwok" ] && kwok_stages "$key"
  install_cached "$key" kwok kwok-stages.yaml && { log "kwok $KWOK_VERSION: cached"; return; }
  build_binary kwok "$KWOK_VERSION" sigs.k8s.io/kwok sigs.k8s.io/kwok/cmd/kwok
  kwok_stages "$key"
  install_cached "$key" kwok kwok-stages.yaml
}

# Helm is not packaged in Debian 12: built from its Go module (for the chart's tests).
build_helm() {
  install_cached "helm-$HELM_VERSION" helm && { log "helm $HELM_VERSION: cached"; return; }
  build_binary helm "$HELM_VERSION" helm.sh/helm/v3 helm.sh/helm/v3/cmd/helm "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  install_cached "helm-$HELM_VERSION" helm
}

# Upstream source of interLink and its Slurm plugin (not served by the Go module proxy):
# upstream_src NAME VERSION COMMIT SHA256 REPO DEST unpacks the released source archive
# $vendor/NAME-VERSION.tar.gz (checked against SHA256) into DEST, or, where there is no such
# archive, clones REPO at tag/commit VERSION and checks that HEAD is COMMIT.
vendor=${OFFLOAD_VENDOR_DIR:-$root/../shared/vendor}
upstream_src() {
  local name=$1 version=$2 commit=$3 sha=$4 repo=$5 dest=$6
  local archive="$vendor/$name-$version.tar.gz"
  rm -rf "$dest"; mkdir -p "$(dirname "$dest")"
  if [ -f "$archive" ]; then
    echo "$sha  $archive" | sha256sum -c --quiet - || { log "$archive: sha256 differs from lab/versions.env"; return 1; }
    local tmp; tmp=$(mktemp -d "$(dirname "$dest")/unpack.XXXXXX")
    tar -xzf "$archive" -C "$tmp"
    mv "$tmp/$name-$version" "$dest"; rm -rf "$tmp"
    log "$name $version: source from $archive"
  else
    log "$name $version: no $archive; cloning $repo"
    git init -q "$dest"
    git -C "$dest" fetch -q --depth 1 "$repo" "$commit" && git -C "$dest" checkout -q FETCH_HEAD || {
      log "$name $version: cannot fetch $repo at $commit (no vendored archive and no network access to it)"; return 1; }
    [ "$(git -C "$dest" rev-parse HEAD)" = "$commit" ] || { log "$name $version: $repo HEAD is not $commit"; return 1; }
  fi
}

# interLink's virtual kubelet and API server. Upstream stamps the release into
# pkg/virtualkubelet.KubeletVersion (cmd/virtual-kubelet/set-version.sh, run by its
# .goreleaser.yaml); the same variable is set here with -X, without rewriting a source file.
build_interlink() {
  local key="interlink-$INTERLINK_VERSION" names=(interlink-virtual-kubelet interlink-api)
  install_cached "$key" "${names[@]}" && { log "interlink $INTERLINK_VERSION: cached"; return; }
  local src="$cache/work/interlink-$INTERLINK_VERSION" out="$cache/$key.partial"
  upstream_src interlink "$INTERLINK_VERSION" "$INTERLINK_COMMIT" "$INTERLINK_SHA256" https://github.com/interlink-hq/interLink "$src"
  local ld="-X github.com/interlink-hq/interlink/pkg/virtualkubelet.KubeletVersion=$INTERLINK_VERSION"
  rm -rf "$out"; mkdir -p "$out"
  run_with_progress "interlink $INTERLINK_VERSION" bash -c "cd '$src' && go build -trimpath -ldflags '-s -w $ld' -o '$out/interlink-virtual-kubelet' ./cmd/virtual-kubelet && go build -trimpath -ldflags '-s -w $ld' -o '$out/interlink-api' ./cmd/interlink"
  rm -rf "${cache:?}/$key"; mv "$out" "$cache/$key"
  install_cached "$key" "${names[@]}"
}

# build_slurm_plugin VERSION COMMIT SHA256: the Slurm plugin as interlink-slurm-plugin-VERSION.
# Its go.mod requires github.com/interlink-hq/interlink at the pseudo-version of commit
# INTERLINK_PLUGIN_PIN; a replace points it at that commit's source (the proxy answers 403).
build_slurm_plugin() {
  local version=$1 commit=$2 sha=$3
  local name="interlink-slurm-plugin-$version" key="interlink-slurm-plugin-$version-il$INTERLINK_PLUGIN_PIN"
  install_cached "$key" "$name" && { log "slurm plugin $version: cached"; return; }
  local pin="$cache/work/interlink-$INTERLINK_PLUGIN_PIN" src="$cache/work/$name" out="$cache/$key.partial"
  [ -f "$pin/go.mod" ] || upstream_src interlink "$INTERLINK_PLUGIN_PIN" "$INTERLINK_PLUGIN_PIN_COMMIT" "$INTERLINK_PLUGIN_PIN_SHA256" https://github.com/interlink-hq/interLink "$pin"
  upstream_src interlink-slurm-plugin "$version" "$commit" "$sha" https://github.com/interlink-hq/interlink-slurm-plugin "$src"
  (cd "$src" && go mod edit -replace "github.com/interlink-hq/interlink=$pin")
  rm -rf "$out"; mkdir -p "$out"
  run_with_progress "slurm plugin $version" bash -c "cd '$src' && go build -trimpath -ldflags '-s -w' -o '$out/$name' ./cmd"
  rm -rf "${cache:?}/$key"; mv "$out" "$cache/$key"
  install_cached "$key" "$name"
}

build_slurm_plugins() {
  build_slurm_plugin "$SLURM_PLUGIN_VERSION" "$SLURM_PLUGIN_COMMIT" "$SLURM_PLUGIN_SHA256"
  build_slurm_plugin "$SLURM_PLUGIN_NEXT_VERSION" "$SLURM_PLUGIN_NEXT_COMMIT" "$SLURM_PLUGIN_NEXT_SHA256"
}

# oscar-cli, for the tests of Offload's OSCAR-compatible API, and oscar-job (lab/oscar-job),
# which prints the Job OSCAR 3.3.0 makes for an interLink service with OSCAR's own code.
# Neither oscar-cli nor OSCAR is served by the proxy: both are built from their released
# source with go.mod pointed at the OSCAR and cdmi-client-go sources (vendor README), the
# version stamped as upstream's release does. oscar-job is built with oscar-cli's go.mod
# and go.sum, which cover every module OSCAR's pkg/types needs.
build_oscar_cli() {
  local helper; helper=$(sha256sum "$here/oscar-job/main.go" | cut -c1-12)
  local key="oscar-cli-$OSCAR_CLI_VERSION-oscar-$OSCAR_VERSION-job-$helper" names=(oscar-cli oscar-job)
  install_cached "$key" "${names[@]}" && { log "oscar-cli $OSCAR_CLI_VERSION: cached"; return; }
  local w="$cache/work/oscar" out="$cache/$key.partial"
  upstream_src oscar "$OSCAR_VERSION" "$OSCAR_COMMIT" "$OSCAR_SHA256" https://github.com/grycap/oscar "$w/oscar"
  upstream_src cdmi-client-go "$CDMI_CLIENT_VERSION" "$CDMI_CLIENT_COMMIT" "$CDMI_CLIENT_SHA256" https://github.com/grycap/cdmi-client-go "$w/cdmi-client-go"
  upstream_src oscar-cli "$OSCAR_CLI_VERSION" "$OSCAR_CLI_COMMIT" "$OSCAR_CLI_SHA256" https://github.com/grycap/oscar-cli "$w/oscar-cli"
  (cd "$w/oscar-cli" && go mod edit -replace "github.com/grycap/oscar/v3=$w/oscar" -replace "github.com/grycap/cdmi-client-go=$w/cdmi-client-go")
  rm -rf "$w/oscar-job"; mkdir -p "$w/oscar-job"
  cp "$here/oscar-job/main.go" "$w/oscar-cli/go.mod" "$w/oscar-cli/go.sum" "$w/oscar-job/"
  (cd "$w/oscar-job" && go mod edit -module offload-lab/oscar-job)
  local ld="-X github.com/grycap/oscar-cli/cmd.Version=v$OSCAR_CLI_VERSION -X github.com/grycap/oscar-cli/cmd.GitCommit=$OSCAR_CLI_COMMIT"
  rm -rf "$out"; mkdir -p "$out"
  run_with_progress "oscar-cli $OSCAR_CLI_VERSION" bash -c "cd '$w/oscar-cli' && go build -trimpath -ldflags '-s -w $ld' -o '$out/oscar-cli' . && cd '$w/oscar-job' && go build -trimpath -ldflags '-s -w' -o '$out/oscar-job' ."
  rm -rf "${cache:?}/$key"; mv "$out" "$cache/$key"
  install_cached "$key" "${names[@]}"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(etcd kubernetes kwok interlink slurm_plugins helm oscar_cli)
start=$SECONDS
for t in "${targets[@]}"; do "build_$t"; done
log "all done in $((SECONDS - start)) s"
