# Shared settings for env-up.sh, env-down.sh and env-status.sh. Sourced, not run.
# Every value can be overridden from the environment.

K8S_VERSION="${K8S_VERSION:-v1.34.4}"
SLANT_ENV_DIR="${SLANT_ENV_DIR:-$HOME/.cache/slant-env}"
LOG_DIR="$SLANT_ENV_DIR/logs"
BIN_DIR="$SLANT_ENV_DIR/$K8S_VERSION/bin"
K8S_BIN="$BIN_DIR/slant-k8s"
PAUSE_BIN="$BIN_DIR/pause"
# helm for helm() and helm_resource-style extensions: built from its Go module, keyed by version.
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
HELM_BIN="$SLANT_ENV_DIR/tools/helm-$HELM_VERSION/helm"
COMPOSE_VERSION="${COMPOSE_VERSION:-v5.6.0}"
COMPOSE_BIN="$SLANT_ENV_DIR/tools/compose-$COMPOSE_VERSION/docker-compose"
COMPOSE_PLUGIN=/usr/local/lib/docker/cli-plugins/docker-compose
CONF_DIR="$SLANT_ENV_DIR/config"
PKI_DIR="$SLANT_ENV_DIR/pki"
DATA_DIR="$SLANT_ENV_DIR/data"
RUN_DIR="${SLANT_RUN_DIR:-/run/slant-env}"
ENV_JSON="$SLANT_ENV_DIR/env.json"

REGISTRY_PORT="${SLANT_REGISTRY_PORT:-5005}"
REGISTRY_HOST="localhost:$REGISTRY_PORT"
APISERVER_PORT="${SLANT_APISERVER_PORT:-6443}"
ETCD_CLIENT_PORT="${SLANT_ETCD_PORT:-12379}"
ETCD_PEER_PORT="$((ETCD_CLIENT_PORT + 1))"
# The kubelet refuses a loopback node IP, so the node gets its own address on lo.
NODE_IP="${SLANT_NODE_IP:-10.200.0.1}"
NODE_NAME="slant-node"
POD_CIDR="10.244.0.0/24"
SERVICE_CIDR="10.96.0.0/16"
SERVICE_API_IP="10.96.0.1"
CNI_BRIDGE="slant0"
CONTEXT_NAME="slant-local"

DOCKER_SOCK="/var/run/docker.sock"
CONTAINERD_SOCK="$RUN_DIR/containerd/containerd.sock"
BUSYBOX_IMAGE="slant/busybox:latest"
PAUSE_IMAGE="$REGISTRY_HOST/slant/pause:3.10"

export DOCKER_BUILDKIT=0
export DOCKER_HOST="unix://$DOCKER_SOCK"

log() { printf '[slant-env %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# pid_alive NAME: true when the process recorded in RUN_DIR/NAME.pid is running.
pid_alive() {
  local f="$RUN_DIR/$1.pid"
  [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# wait_for SECONDS DESCRIPTION COMMAND...: retry COMMAND every 0.2 s.
wait_for() {
  local secs=$1 what=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${secs}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}

# Admin access to the API server, for scripts (no kubectl needed).
api_get() {
  curl -sf --max-time 5 --cacert "$PKI_DIR/ca.crt" --cert "$PKI_DIR/admin.crt" \
    --key "$PKI_DIR/admin.key" "https://127.0.0.1:$APISERVER_PORT$1"
}

docker_ok() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
registry_ok() { curl -sf --max-time 2 "http://127.0.0.1:$REGISTRY_PORT/v2/" >/dev/null; }
etcd_ok() { curl -sf --max-time 2 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" | grep -q '"health":"true"'; }
apiserver_ok() { [[ "$(api_get /readyz 2>/dev/null)" == ok ]]; }
containerd_ok() { [[ -S $CONTAINERD_SOCK ]] && ctr --address "$CONTAINERD_SOCK" version >/dev/null 2>&1; }
cm_ok() { curl -skf --max-time 2 https://127.0.0.1:10257/healthz >/dev/null; }
scheduler_ok() { curl -skf --max-time 2 https://127.0.0.1:10259/healthz >/dev/null; }
kubelet_ok() { curl -sf --max-time 2 http://127.0.0.1:10248/healthz >/dev/null; }
kubelet_ok_or_exited() { kubelet_ok || ! pid_alive kubelet; }
proxy_ok() { curl -sf --max-time 2 http://127.0.0.1:10256/healthz >/dev/null; }
node_ready() {
  api_get "/api/v1/nodes/$NODE_NAME" 2>/dev/null |
    jq -e '.status.conditions[] | select(.type=="Ready") | .status=="True"' >/dev/null
}
