#!/usr/bin/env bash
# Stops every process that env-up started (by the pids it recorded).
#   --purge   also delete cluster state, registry storage and certificates
#             (built binaries are kept: they are the slow part).
set -uo pipefail
INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$INFRA_DIR/lib/common.sh"

purge=0
[[ ${1:-} == --purge ]] && purge=1

stop() { # stop NAME: TERM, then KILL after 15 s
  local f="$RUN_DIR/$1.pid" pid i
  [[ -f $f ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $1 (pid $pid)"
    kill "$pid" 2>/dev/null
    for ((i = 0; i < 75; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$f"
}

# Pod containers outlive the kubelet and containerd, so remove them first.
remove_pod_containers() {
  containerd_ok || return 0
  local c ctr_=(ctr --address "$CONTAINERD_SOCK" -n k8s.io)
  for c in $("${ctr_[@]}" tasks ls -q 2>/dev/null); do
    "${ctr_[@]}" tasks kill -s SIGKILL "$c" >/dev/null 2>&1
  done
  sleep 1
  for c in $("${ctr_[@]}" tasks ls -q 2>/dev/null); do
    "${ctr_[@]}" tasks delete -f "$c" >/dev/null 2>&1
  done
  for c in $("${ctr_[@]}" containers ls -q 2>/dev/null); do
    "${ctr_[@]}" containers delete "$c" >/dev/null 2>&1
  done
}

# In waves, each wave in parallel: node agents, then pods, then the rest.
stop proxy & stop kubelet & wait
remove_pod_containers
stop containerd & stop scheduler & stop controller-manager & stop apiserver & wait
stop etcd & stop registry & stop dockerd & wait
# Network namespaces and IP leases of the pods just removed.
for ns in /run/netns/cni-*; do
  [[ -e $ns ]] && { ip netns delete "$(basename "$ns")" 2>/dev/null || umount "$ns" 2>/dev/null; rm -f "$ns"; }
done
rm -rf "$DATA_DIR/cni"
# kube-proxy's iptables rules point at pods that are gone.
[[ -x $K8S_BIN ]] && "$K8S_BIN" proxy --cleanup >/dev/null 2>&1

if ((purge)); then
  log "purging state in $SLANT_ENV_DIR (binaries kept)"
  # Volumes the kubelet mounted (tmpfs for secrets and tokens) must go before rm.
  grep -o " $DATA_DIR/kubelet[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
  grep -o " $DATA_DIR/containerd[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$DATA_DIR" "$PKI_DIR" "$CONF_DIR" "$ENV_JSON"
fi
log "environment stopped"
