#!/usr/bin/env bash
# Brings up the real test environment: Docker engine, a local registry and a
# single-node Kubernetes cluster built from upstream sources. Idempotent: every
# step checks first and does nothing when its component is already healthy.
set -euo pipefail
INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$INFRA_DIR/lib/common.sh"

[[ $(id -u) -eq 0 ]] || die "env-up needs root (it starts dockerd, containerd and the kubelet)"
T0=$SECONDS
mkdir -p "$LOG_DIR" "$BIN_DIR" "$CONF_DIR" "$PKI_DIR" "$DATA_DIR" "$RUN_DIR"
# One env-up at a time (CI's env:up and a test run's global setup may overlap).
# (Daemons are started with fd 9 closed, so they never hold this lock.)
exec 9>"$RUN_DIR/env-up.lock"
flock -w 3600 9 || die "another env-up has held $RUN_DIR/env-up.lock for an hour"

# ---------------------------------------------------------------- packages
# (tmux: the pseudo-terminal of the terminal-mode e2e tests, integration/terminal/; chromium: the
# browser of the web UI's e2e tests, integration/web-ui/.)
APT_PACKAGES=(docker.io docker-registry containerd runc containernetworking-plugins etcd-server
  busybox-static openssl iptables conntrack socat ethtool curl jq ca-certificates procps util-linux
  iproute2 tmux chromium)

ensure_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >"$LOG_DIR/apt.log" 2>&1
  apt-get install -y --no-install-recommends "${missing[@]}" >>"$LOG_DIR/apt.log" 2>&1 ||
    die "apt-get install failed, see $LOG_DIR/apt.log"
}

# ---------------------------------------------------------------- host setup
prepare_host() {
  local c
  # The kubelet's cgroupfs manager wants every v1 controller mounted.
  for c in hugetlb net_cls net_prio perf_event; do
    if grep -qw "$c" /proc/cgroups && ! grep -q " /sys/fs/cgroup/$c " /proc/mounts &&
      ! grep -E " /sys/fs/cgroup/[^ ]* cgroup " /proc/mounts | grep -qw "$c"; then
      mkdir -p "/sys/fs/cgroup/$c"
      mount -t cgroup -o "$c" cgroup "/sys/fs/cgroup/$c" || log "warning: could not mount cgroup $c"
    fi
  done
  # Mount propagation for the kubelet (it is a no-op when already shared).
  findmnt -no PROPAGATION / | grep -q shared || mount --make-rshared /
  sysctl -qw net.ipv4.ip_forward=1
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] || modprobe br_netfilter 2>/dev/null || true
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] && sysctl -qw net.bridge.bridge-nf-call-iptables=1
  ip -4 addr show dev lo | grep -q " $NODE_IP/" || ip addr add "$NODE_IP/32" dev lo
  # Pod IPs are handed out again once the IPAM range wraps; the host's stale neighbour entry of the
  # old pod then blackholes the new one for 5-10 s (probes, port-forwards). With fewer than
  # gc_thresh1 entries the kernel never collects stale ones: let it, after 10 s.
  sysctl -qw net.ipv4.neigh.default.gc_thresh1=0 net.ipv4.neigh.default.gc_stale_time=10
  if [[ -e /proc/sys/net/ipv4/neigh/slant0 ]]; then
    sysctl -qw net.ipv4.neigh.slant0.gc_stale_time=10
    ip neigh flush dev slant0 nud stale
  fi
}

# ---------------------------------------------------------------- binaries
source_stamp() {
  cat "$INFRA_DIR/k8s/go.mod" "$INFRA_DIR/k8s/go.sum" "$INFRA_DIR/k8s/main.go" \
    "$INFRA_DIR/k8s/build.sh" "$INFRA_DIR/pause/main.go" | sha256sum | cut -c1-16
}

ensure_binaries() {
  local stamp; stamp="$(source_stamp)"
  if [[ -x $K8S_BIN && -x $PAUSE_BIN && "$(cat "$BIN_DIR/stamp" 2>/dev/null)" == "$stamp" ]]; then
    return 0
  fi
  if ! command -v go >/dev/null; then
    [[ -x /usr/local/go/bin/go ]] && PATH="$PATH:/usr/local/go/bin" || die "go is needed to build Kubernetes (none on PATH)"
  fi
  log "building Kubernetes $K8S_VERSION (one binary; 15-30 min on 2 cores), log: $LOG_DIR/build.log"
  local t=$SECONDS
  "$INFRA_DIR/k8s/build.sh" "$K8S_BIN" >"$LOG_DIR/build.log" 2>&1 || die "Kubernetes build failed, see $LOG_DIR/build.log"
  (cd "$INFRA_DIR/pause" && CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$PAUSE_BIN" .) \
    >>"$LOG_DIR/build.log" 2>&1 || die "pause build failed, see $LOG_DIR/build.log"
  echo "$stamp" >"$BIN_DIR/stamp"
  log "built in $((SECONDS - t))s"
}

# build_go_tool TITLE NAME VERSION BIN: builds BIN with infra/tools/build-NAME.sh (from its Go
# module) unless it is already there.
build_go_tool() {
  local title=$1 name=$2 version=$3 bin=$4
  [[ -x $bin ]] && return 0
  if ! command -v go >/dev/null; then
    [[ -x /usr/local/go/bin/go ]] && PATH="$PATH:/usr/local/go/bin" || die "go is needed to build $title (none on PATH)"
  fi
  log "building $title $version from its Go module, log: $LOG_DIR/$name-build.log"
  local t=$SECONDS
  "$INFRA_DIR/tools/build-$name.sh" "$version" "$bin" >"$LOG_DIR/$name-build.log" 2>&1 ||
    die "$title build failed, see $LOG_DIR/$name-build.log"
  log "built $title in $((SECONDS - t))s"
}

ensure_helm() {
  build_go_tool helm helm "$HELM_VERSION" "$HELM_BIN"
}

ensure_compose() {
  build_go_tool "Docker Compose" compose "$COMPOSE_VERSION" "$COMPOSE_BIN"
  # A system-wide CLI plugin, so `docker compose` works whatever HOME or DOCKER_CONFIG a test sets.
  if ! cmp -s "$COMPOSE_BIN" "$COMPOSE_PLUGIN"; then
    mkdir -p "$(dirname "$COMPOSE_PLUGIN")"
    cp "$COMPOSE_BIN" "$COMPOSE_PLUGIN.tmp" && mv "$COMPOSE_PLUGIN.tmp" "$COMPOSE_PLUGIN"
  fi
}

# ---------------------------------------------------------------- daemons
# start_daemon NAME COMMAND...: run detached in its own session, log to LOG_DIR/NAME.log.
start_daemon() {
  local name=$1; shift
  log "starting $name"
  echo "=== $(date -Is) starting: $*" >>"$LOG_DIR/$name.log"
  rm -f "$RUN_DIR/$name.pid"
  setsid -f bash -c 'echo $$ >"$0.tmp"; mv "$0.tmp" "$0"; exec "$@"' "$RUN_DIR/$name.pid" "$@" \
    >>"$LOG_DIR/$name.log" 2>&1 </dev/null 9>&-
  # setsid -f returns before the child has written its pid; later liveness checks read it.
  wait_for 10 "$name pid file" test -s "$RUN_DIR/$name.pid" || die "$name did not start"
}

# stop_stale NAME: a recorded process that is alive but unhealthy gets stopped first.
stop_stale() {
  if pid_alive "$1"; then
    log "$1 is running but unhealthy; restarting it"
    kill "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$RUN_DIR/$1.pid"
}

ensure_docker() {
  docker_ok && return 0
  if [[ -S $DOCKER_SOCK ]] && ! pid_alive dockerd && pgrep -x dockerd >/dev/null; then
    wait_for 30 "docker (started elsewhere)" docker_ok && return 0
  fi
  stop_stale dockerd
  start_daemon dockerd dockerd --host "unix://$DOCKER_SOCK"
  wait_for 60 dockerd docker_ok || die "dockerd did not come up, see $LOG_DIR/dockerd.log"
}

ensure_registry() {
  registry_ok && return 0
  mkdir -p "$DATA_DIR/registry"
  cat >"$CONF_DIR/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DATA_DIR/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
EOF
  stop_stale registry
  start_daemon registry docker-registry serve "$CONF_DIR/registry.yml"
  wait_for 30 registry registry_ok || die "registry did not come up, see $LOG_DIR/registry.log"
}

# ---------------------------------------------------------------- images
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
registry_has() {
  local repo=${1%:*} tag=${1##*:}
  curl -sf --max-time 5 -o /dev/null -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://127.0.0.1:$REGISTRY_PORT/v2/$repo/manifests/$tag"
}

ensure_images() {
  local ctx
  if ! image_exists "$BUSYBOX_IMAGE"; then
    log "building $BUSYBOX_IMAGE"
    ctx="$(mktemp -d)"
    cp "$INFRA_DIR/images/busybox/Dockerfile" /bin/busybox "$ctx/"
    docker build -q -t "$BUSYBOX_IMAGE" "$ctx" >>"$LOG_DIR/images.log" 2>&1 || die "busybox image build failed"
    rm -rf "$ctx"
  fi
  if ! image_exists "$PAUSE_IMAGE"; then
    log "building $PAUSE_IMAGE"
    ctx="$(mktemp -d)"
    cp "$INFRA_DIR/images/pause/Dockerfile" "$PAUSE_BIN" "$ctx/"
    docker build -q -t "$PAUSE_IMAGE" "$ctx" >>"$LOG_DIR/images.log" 2>&1 || die "pause image build failed"
    rm -rf "$ctx"
  fi
  if ! registry_has "slant/busybox:latest"; then
    docker tag "$BUSYBOX_IMAGE" "$REGISTRY_HOST/slant/busybox:latest"
    docker push -q "$REGISTRY_HOST/slant/busybox:latest" >>"$LOG_DIR/images.log" 2>&1 || die "push busybox failed"
  fi
  if ! registry_has "slant/pause:3.10"; then
    docker push -q "$PAUSE_IMAGE" >>"$LOG_DIR/images.log" 2>&1 || die "push pause failed"
  fi
}

# ---------------------------------------------------------------- certificates
# issue NAME CN [O] [SANS]: a key and a certificate signed by the cluster CA.
issue() {
  local name=$1 cn=$2 org=${3:-} sans=${4:-} subj ext
  [[ -s $PKI_DIR/$name.crt ]] && return 0
  subj="/CN=$cn"; [[ -n $org ]] && subj="/O=$org$subj"
  ext="$PKI_DIR/$name.ext"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ -n $sans ]]; then
      echo "extendedKeyUsage=serverAuth,clientAuth"
      echo "subjectAltName=$sans"
    else
      echo "extendedKeyUsage=clientAuth"
    fi
  } >"$ext"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI_DIR/$name.key" -subj "$subj" \
    -out "$PKI_DIR/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI_DIR/$name.csr" -CA "$PKI_DIR/ca.crt" -CAkey "$PKI_DIR/ca.key" \
    -CAcreateserial -days 3650 -extfile "$ext" -out "$PKI_DIR/$name.crt" 2>/dev/null
  rm -f "$PKI_DIR/$name.csr" "$ext"
}

ensure_pki() {
  if [[ ! -s $PKI_DIR/ca.crt ]]; then
    log "generating certificates in $PKI_DIR"
    openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$PKI_DIR/ca.key" -days 3650 \
      -subj "/CN=slant-local-ca" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" -out "$PKI_DIR/ca.crt" 2>/dev/null
  fi
  issue apiserver kube-apiserver "" \
    "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:$NODE_IP,IP:$SERVICE_API_IP"
  issue admin slant-admin system:masters
  issue apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
  issue controller-manager system:kube-controller-manager
  issue scheduler system:kube-scheduler
  issue kubelet "system:node:$NODE_NAME" system:nodes
  issue proxy system:kube-proxy
  if [[ ! -s $PKI_DIR/sa.key ]]; then
    openssl genrsa -out "$PKI_DIR/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI_DIR/sa.key" -pubout -out "$PKI_DIR/sa.pub" 2>/dev/null
  fi
  chmod 600 "$PKI_DIR"/*.key
}

# write_kubeconfig FILE CERT_NAME: a kubeconfig with embedded credentials.
write_kubeconfig() {
  local file=$1 name=$2
  cat >"$file.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $CONTEXT_NAME
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 "$PKI_DIR/ca.crt")
users:
- name: $CONTEXT_NAME-$name
  user:
    client-certificate-data: $(base64 -w0 "$PKI_DIR/$name.crt")
    client-key-data: $(base64 -w0 "$PKI_DIR/$name.key")
contexts:
- name: $CONTEXT_NAME
  context:
    cluster: $CONTEXT_NAME
    user: $CONTEXT_NAME-$name
current-context: $CONTEXT_NAME
EOF
  chmod 600 "$file.tmp"
  mv "$file.tmp" "$file"
}

ensure_kubeconfigs() {
  local n
  for n in admin controller-manager scheduler kubelet proxy; do
    [[ -s $CONF_DIR/$n.kubeconfig ]] || write_kubeconfig "$CONF_DIR/$n.kubeconfig" "$n"
  done
}

# ---------------------------------------------------------------- control plane
ensure_etcd() {
  etcd_ok && return 0
  stop_stale etcd
  # Default: etcd 3.6 built into slant-k8s (the version Kubernetes 1.34 ships with).
  # SLANT_ETCD=debian uses Debian's etcd-server 3.4 instead (checked to work with
  # kube-apiserver 1.34); each keeps its own data dir, as etcd cannot downgrade.
  local etcd_cmd=("$K8S_BIN" etcd) data="$DATA_DIR/etcd"
  if [[ ${SLANT_ETCD:-builtin} == debian ]]; then
    etcd_cmd=(/usr/bin/etcd) data="$DATA_DIR/etcd-debian"
  fi
  mkdir -p "$data"
  chmod 700 "$data"
  start_daemon etcd "${etcd_cmd[@]}" --name slant --data-dir "$data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "slant=http://127.0.0.1:$ETCD_PEER_PORT" \
    --quota-backend-bytes 2147483648 --log-level warn
  wait_for 60 etcd etcd_ok || die "etcd did not come up, see $LOG_DIR/etcd.log"
}

ensure_apiserver() {
  apiserver_ok && return 0
  stop_stale apiserver
  start_daemon apiserver "$K8S_BIN" apiserver \
    --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --secure-port "$APISERVER_PORT" --advertise-address "$NODE_IP" \
    --client-ca-file "$PKI_DIR/ca.crt" \
    --tls-cert-file "$PKI_DIR/apiserver.crt" --tls-private-key-file "$PKI_DIR/apiserver.key" \
    --kubelet-client-certificate "$PKI_DIR/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$PKI_DIR/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types InternalIP,Hostname \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI_DIR/sa.pub" \
    --service-account-signing-key-file "$PKI_DIR/sa.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --allow-privileged=true --profiling=false --v=1
  wait_for 120 apiserver apiserver_ok || die "kube-apiserver did not become ready, see $LOG_DIR/apiserver.log"
}

ensure_controller_manager() {
  cm_ok && return 0
  stop_stale controller-manager
  local kc="$CONF_DIR/controller-manager.kubeconfig"
  start_daemon controller-manager "$K8S_BIN" controller-manager \
    --kubeconfig "$kc" --authentication-kubeconfig "$kc" --authorization-kubeconfig "$kc" \
    --bind-address 127.0.0.1 --leader-elect=false \
    --service-account-private-key-file "$PKI_DIR/sa.key" --root-ca-file "$PKI_DIR/ca.crt" \
    --use-service-account-credentials=true \
    --cluster-signing-cert-file "$PKI_DIR/ca.crt" --cluster-signing-key-file "$PKI_DIR/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" --allocate-node-cidrs=false --v=1
  wait_for 60 controller-manager cm_ok || die "controller-manager not healthy, see $LOG_DIR/controller-manager.log"
}

ensure_scheduler() {
  scheduler_ok && return 0
  stop_stale scheduler
  local kc="$CONF_DIR/scheduler.kubeconfig"
  start_daemon scheduler "$K8S_BIN" scheduler \
    --kubeconfig "$kc" --authentication-kubeconfig "$kc" --authorization-kubeconfig "$kc" \
    --bind-address 127.0.0.1 --leader-elect=false --v=1
  wait_for 60 scheduler scheduler_ok || die "scheduler not healthy, see $LOG_DIR/scheduler.log"
}

# ---------------------------------------------------------------- node
ensure_containerd() {
  if ! containerd_ok; then
    stop_stale containerd
    mkdir -p "$DATA_DIR/containerd" "$RUN_DIR/containerd" "$CONF_DIR/net.d" \
      "$CONF_DIR/certs.d/$REGISTRY_HOST"
    # Pull from the local registry over plain HTTP.
    cat >"$CONF_DIR/certs.d/$REGISTRY_HOST/hosts.toml" <<EOF
server = "http://$REGISTRY_HOST"

[host."http://$REGISTRY_HOST"]
  capabilities = ["pull", "resolve", "push"]
EOF
    cat >"$CONF_DIR/net.d/10-slant.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "slant",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$CNI_BRIDGE",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "$POD_CIDR" }]],
        "routes": [{ "dst": "0.0.0.0/0" }],
        "dataDir": "$DATA_DIR/cni"
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
    cat >"$CONF_DIR/containerd.toml" <<EOF
version = 2
root = "$DATA_DIR/containerd"
state = "$RUN_DIR/containerd/state"
disabled_plugins = ["io.containerd.internal.v1.tracing", "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "$CONTAINERD_SOCK"

[ttrpc]
  address = "$RUN_DIR/containerd/containerd.sock.ttrpc"

[debug]
  level = "warn"

[metrics]
  address = ""

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  # This VM withholds CAP_SYS_RESOURCE, so no process may lower its oom_score_adj;
  # clamp the kubelet's negative values (-998 for sandboxes) to containerd's own.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CONF_DIR/net.d"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$CONF_DIR/certs.d"
EOF
    start_daemon containerd containerd --config "$CONF_DIR/containerd.toml"
    wait_for 60 containerd containerd_ok || die "containerd did not come up, see $LOG_DIR/containerd.log"
  fi
  # The sandbox image comes from Docker, so the node never needs to pull it.
  # The list is read whole first: `grep -q` quitting early would SIGPIPE ctr and, under pipefail,
  # make a present image look missing.
  local images
  images="$(ctr --address "$CONTAINERD_SOCK" -n k8s.io images ls -q)"
  if ! grep -qx "$PAUSE_IMAGE" <<<"$images"; then
    log "importing $PAUSE_IMAGE into containerd"
    docker save "$PAUSE_IMAGE" | ctr --address "$CONTAINERD_SOCK" -n k8s.io images import - \
      >>"$LOG_DIR/images.log" 2>&1 || die "ctr import of the pause image failed"
  fi
}

ensure_kubelet() {
  kubelet_ok && return 0
  stop_stale kubelet
  mkdir -p "$DATA_DIR/kubelet"
  cat >"$CONF_DIR/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
failSwapOn: false
address: 0.0.0.0
port: 10250
healthzBindAddress: 127.0.0.1
healthzPort: 10248
readOnlyPort: 0
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: false
  x509:
    clientCAFile: $PKI_DIR/ca.crt
authorization:
  mode: AlwaysAllow
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
serializeImagePulls: false
imageGCHighThresholdPercent: 95
imageGCLowThresholdPercent: 90
evictionHard:
  memory.available: "100Mi"
  nodefs.available: "2%"
  imagefs.available: "2%"
  nodefs.inodesFree: "2%"
nodeStatusReportFrequency: 10s
maxPods: 110
oomScoreAdj: 0
EOF
  # containerd answers `ctr version` before its CRI server is initialized; a kubelet started in
  # that window exits at once ("server is not initialized yet"), so a dead kubelet is retried.
  local attempt
  for attempt in 1 2 3 4 5; do
    start_daemon kubelet "$K8S_BIN" kubelet --config "$CONF_DIR/kubelet.yaml" \
      --kubeconfig "$CONF_DIR/kubelet.kubeconfig" --root-dir "$DATA_DIR/kubelet" \
      --cert-dir "$DATA_DIR/kubelet/pki" --hostname-override "$NODE_NAME" --node-ip "$NODE_IP" --v=1
    wait_for 120 kubelet kubelet_ok_or_exited || die "kubelet not healthy, see $LOG_DIR/kubelet.log"
    kubelet_ok && return 0
    log "kubelet exited (attempt $attempt), retrying in 2s"
    sleep 2
  done
  die "kubelet kept exiting, see $LOG_DIR/kubelet.log"
}

ensure_proxy() {
  proxy_ok && return 0
  stop_stale proxy
  start_daemon proxy "$K8S_BIN" proxy --kubeconfig "$CONF_DIR/proxy.kubeconfig" \
    --hostname-override "$NODE_NAME" --cluster-cidr "$POD_CIDR" --proxy-mode iptables \
    --conntrack-max-per-core 0 --oom-score-adj 0 --bind-address 127.0.0.1 --healthz-bind-address 127.0.0.1:10256 \
    --metrics-bind-address 127.0.0.1:10249 --v=1
  wait_for 60 kube-proxy proxy_ok || die "kube-proxy not healthy, see $LOG_DIR/proxy.log"
}

# ---------------------------------------------------------------- cluster objects
api_apply() { # api_apply PATH FIELD_MANAGER <body(yaml or json) on stdin>
  curl -sf --max-time 10 --cacert "$PKI_DIR/ca.crt" --cert "$PKI_DIR/admin.crt" --key "$PKI_DIR/admin.key" \
    -X PATCH -H 'Content-Type: application/apply-patch+yaml' --data-binary @- \
    "https://127.0.0.1:$APISERVER_PORT$1?fieldManager=$2&force=true" >/dev/null
}

ensure_cluster_objects() {
  wait_for 120 "node $NODE_NAME Ready" node_ready || die "node never became Ready, see $LOG_DIR/kubelet.log"
  if ! api_get /api/v1/namespaces/kube-public/configmaps/local-registry-hosting >/dev/null 2>&1; then
    api_apply /api/v1/namespaces/kube-public/configmaps/local-registry-hosting slant-env <<EOF ||
apiVersion: v1
kind: ConfigMap
metadata:
  name: local-registry-hosting
  namespace: kube-public
data:
  localRegistryHosting.v1: |
    host: "$REGISTRY_HOST"
    help: "https://github.com/kubernetes/enhancements/tree/master/keps/sig-cluster-lifecycle/generic/1755-communicating-a-local-registry"
EOF
      die "could not create kube-public/local-registry-hosting"
  fi
  wait_for 60 "default service account" api_get /api/v1/namespaces/default/serviceaccounts/default ||
    die "no default ServiceAccount (controller-manager), see $LOG_DIR/controller-manager.log"
}

# Merge the slant-local context into the user's default kubeconfig and make it current.
merge_kubeconfig() {
  local target="${KUBECONFIG:-$HOME/.kube/config}"
  target="${target%%:*}"
  mkdir -p "$(dirname "$target")"
  if ! command -v kubectl >/dev/null; then
    if [[ ! -s $target ]]; then
      cp "$CONF_DIR/admin.kubeconfig" "$target"
    else
      log "warning: no kubectl to merge $CONTEXT_NAME into $target; use $CONF_DIR/admin.kubeconfig"
    fi
    return 0
  fi
  if [[ -s $target ]] && KUBECONFIG="$target" kubectl config view --raw -o json 2>/dev/null |
    jq -e --arg c "$CONTEXT_NAME" --arg ca "$(base64 -w0 "$PKI_DIR/ca.crt")" \
      '(."current-context" == $c) and ([.clusters[] | select(.name == $c and .cluster."certificate-authority-data" == $ca)] | length == 1)' \
      >/dev/null; then
    return 0
  fi
  log "merging context $CONTEXT_NAME into $target"
  local merged; merged="$(mktemp)"
  if [[ -s $target ]]; then
    # Drop any stale entries of ours first, so the merge takes the new ones.
    KUBECONFIG="$target" kubectl config delete-context "$CONTEXT_NAME" >/dev/null 2>&1 || true
    KUBECONFIG="$target" kubectl config delete-cluster "$CONTEXT_NAME" >/dev/null 2>&1 || true
    KUBECONFIG="$target" kubectl config delete-user "$CONTEXT_NAME-admin" >/dev/null 2>&1 || true
    KUBECONFIG="$CONF_DIR/admin.kubeconfig:$target" kubectl config view --flatten --raw >"$merged"
  else
    cp "$CONF_DIR/admin.kubeconfig" "$merged"
  fi
  KUBECONFIG="$merged" kubectl config use-context "$CONTEXT_NAME" >/dev/null
  chmod 600 "$merged"
  mv "$merged" "$target"
}

write_env_json() {
  local tmp; tmp="$(mktemp)"
  jq -n --arg kubeconfig "$CONF_DIR/admin.kubeconfig" --arg context "$CONTEXT_NAME" \
    --arg registry "$REGISTRY_HOST" --arg dockerSocket "$DOCKER_SOCK" \
    --arg dockerHost "unix://$DOCKER_SOCK" --arg server "https://127.0.0.1:$APISERVER_PORT" \
    --arg busyboxImage "$BUSYBOX_IMAGE" --arg registryBusyboxImage "$REGISTRY_HOST/slant/busybox:latest" \
    --arg k8sVersion "$K8S_VERSION" --arg nodeName "$NODE_NAME" --arg logDir "$LOG_DIR" \
    --arg helm "$HELM_BIN" \
    '{kubeconfig: $kubeconfig, context: $context, server: $server, registry: $registry,
      dockerSocket: $dockerSocket, dockerHost: $dockerHost, busyboxImage: $busyboxImage,
      registryBusyboxImage: $registryBusyboxImage, k8sVersion: $k8sVersion,
      nodeName: $nodeName, logDir: $logDir, helm: $helm}' >"$tmp"
  if ! cmp -s "$tmp" "$ENV_JSON"; then mv "$tmp" "$ENV_JSON"; else rm -f "$tmp"; fi
}

ensure_packages
prepare_host
ensure_binaries
ensure_helm
ensure_compose
ensure_docker
ensure_registry
ensure_images
ensure_pki
ensure_kubeconfigs
ensure_etcd
ensure_apiserver
ensure_controller_manager
ensure_scheduler
ensure_containerd
ensure_kubelet
ensure_proxy
ensure_cluster_objects
merge_kubeconfig
write_env_json
log "environment up in $((SECONDS - T0))s: kubeconfig $CONF_DIR/admin.kubeconfig, registry $REGISTRY_HOST, docker $DOCKER_SOCK"
