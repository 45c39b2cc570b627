#!/usr/bin/env bash
# Prints the health of every component of the test environment.
# Exit status 0 when all are healthy, 1 otherwise.
set -uo pipefail
INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$INFRA_DIR/lib/common.sh"

bad=0
check() { # check NAME DETAIL COMMAND...
  local name=$1 detail=$2; shift 2
  if "$@"; then
    printf '%-20s ok     %s\n' "$name" "$detail"
  else
    printf '%-20s DOWN   %s\n' "$name" "$detail"
    bad=1
  fi
}
binaries_ok() { [[ -x $K8S_BIN && -x $PAUSE_BIN ]]; }
registry_cm_ok() { api_get /api/v1/namespaces/kube-public/configmaps/local-registry-hosting >/dev/null 2>&1; }

check binaries "$K8S_BIN" binaries_ok
check docker "$DOCKER_SOCK" docker_ok
check registry "$REGISTRY_HOST" registry_ok
check etcd "127.0.0.1:$ETCD_CLIENT_PORT" etcd_ok
check kube-apiserver "https://127.0.0.1:$APISERVER_PORT" apiserver_ok
check controller-manager "127.0.0.1:10257" cm_ok
check scheduler "127.0.0.1:10259" scheduler_ok
check containerd "$CONTAINERD_SOCK" containerd_ok
check kubelet "$NODE_NAME ($NODE_IP:10250)" kubelet_ok
check kube-proxy "127.0.0.1:10256" proxy_ok
check node-ready "$NODE_NAME" node_ready
check registry-configmap "kube-public/local-registry-hosting" registry_cm_ok
printf '%-20s %s\n' env.json "$ENV_JSON" logs "$LOG_DIR"
exit $bad
