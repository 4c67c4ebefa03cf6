# shellcheck shell=bash
# interLink as a site runs it, once per virtual node: the virtual kubelet (in the cluster's
# place), the interLink API and the Slurm plugin (on the HPC side), each configured with a
# file in upstream's format. vega-vk runs plugin $SLURM_PLUGIN_VERSION, lumi-vk
# $SLURM_PLUGIN_NEXT_VERSION. Formats: pkg/virtualkubelet/config.go and
# pkg/interlink/config.go of interLink, pkg/slurm/types.go of the plugin.

node_index() { local i=0 n; for n in $VIRTUAL_NODES; do [ "$n" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; return 1; }

plugin_version_of() {
  case "$1" in
    lumi-vk) echo "$SLURM_PLUGIN_NEXT_VERSION" ;;
    *) echo "$SLURM_PLUGIN_VERSION" ;;
  esac
}

# The plugin listens on a unix socket (its `Socket` setting): with a TCP `SidecarPort` it
# would bind every interface, and it has no authentication of its own.
plugin_socket() { echo "$LAB/run/$1-plugin.sock"; }

setup_interlink() {
  local n i
  for n in $VIRTUAL_NODES; do
    i=$(node_index "$n")
    local dir="$LAB/interlink/$n" api_port=$((INTERLINK_PORT_BASE + i))
    mkdir -p "$dir/jobs" "$dir/api"
    cat >"$dir/SlurmConfig.yaml" <<CONF
# interLink Slurm plugin $(plugin_version_of "$n") for $n.
Socket: "unix://$(plugin_socket "$n")"
SbatchPath: "$(command -v sbatch)"
ScancelPath: "$(command -v scancel)"
SqueuePath: "$(command -v squeue)"
SinfoPath: "$(command -v sinfo)"
ContainerRuntime: singularity
SingularityPath: "$LAB/bin/singularity"
SingularityPrefix: ""
ImagePrefix: "docker://"
CommandPrefix: ""
ExportPodData: true
DataRootFolder: "$dir/jobs/"
Namespace: "$n"
Tsocks: false
BashPath: /bin/bash
VerboseLogging: false
ErrorsOnlyLogging: false
CONF
    cat >"$dir/InterLinkConfig.yaml" <<CONF
# interLink API $INTERLINK_VERSION for $n: plain http on loopback for its virtual kubelet,
# the plugin behind a unix socket.
InterlinkAddress: "http://127.0.0.1"
InterlinkPort: "$api_port"
SidecarURL: "unix://$(plugin_socket "$n")"
SidecarPort: ""
DataRootFolder: "$dir/api/"
VerboseLogging: false
ErrorsOnlyLogging: false
CONF
    # The kubelet serving certificate comes from the lab's CA (the API server proxies
    # `kubectl logs` to it); nothing would approve a CertificateSigningRequest here.
    cat >"$dir/VirtualKubeletConfig.yaml" <<CONF
# interLink virtual kubelet $INTERLINK_VERSION for $n.
InterlinkURL: "http://127.0.0.1"
InterlinkPort: "$api_port"
VerboseLogging: false
ErrorsOnlyLogging: false
KubeletCertFile: "$PKI/kubelet-$n.crt"
KubeletKeyFile: "$PKI/kubelet-$n.key"
HTTP:
  Insecure: false
KubeletHTTP:
  Insecure: false
CONF
  done
  install -m 755 "$LAB_SRC/singularity" "$LAB/bin/singularity"
}

# interlink_cmd NAME: the command line of <node>-plugin, <node>-interlink or <node>.
interlink_cmd() {
  local name=$1 b=$LAB/bin
  local node=${name%-plugin}; node=${node%-interlink}
  local i; i=$(node_index "$node") || { echo "unknown component $name" >&2; return 1; }
  local dir="$LAB/interlink/$node"
  case "$name" in
    # SHARED_FS=true: the plugin and the Slurm job share a filesystem (here, one machine), so
    # the plugin writes ConfigMap, Secret and token files before submitting. Without it
    # 0.6.1 loses them (the job script's file-writing lines are dropped) and every pod with
    # the default service-account token fails at its bind mount.
    *-plugin) printf '%s\n' env "SLURMCONFIGPATH=$dir/SlurmConfig.yaml" SHARED_FS=true \
        "$b/interlink-slurm-plugin-$(plugin_version_of "$node")" ;;
    *-interlink) printf '%s\n' env "INTERLINKCONFIGPATH=$dir/InterLinkConfig.yaml" "$b/interlink-api" ;;
    *) printf '%s\n' env "NODENAME=$node" "KUBECONFIG=$PKI/vk-$node.kubeconfig" POD_IP=127.0.0.1 \
        KUBELET_URL=127.0.0.1 "KUBELET_PORT=$((KUBELET_PORT_BASE + i))" \
        "$b/interlink-virtual-kubelet" -configpath "$dir/VirtualKubeletConfig.yaml" ;;
  esac
}

# A plugin killed without SIGTERM leaves its socket behind, and would then fail to listen.
interlink_pre_start() {
  case "$1" in *-plugin) rm -f "$(plugin_socket "${1%-plugin}")" ;; esac
}
