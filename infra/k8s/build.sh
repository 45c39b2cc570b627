#!/usr/bin/env bash
# Builds the slant-k8s binary (apiserver, controller-manager, scheduler, kubelet,
# proxy, etcd) into $1 (a file path). Idempotent only at the caller's level: the
# caller checks whether the output already exists.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUTPUT}"
k8s_version="$(sed -n 's/^\s*k8s.io\/kubernetes \(v[0-9.]*\).*/\1/p' "$here/go.mod" | head -1)"
major="${k8s_version#v}"; major="${major%%.*}"
minor="${k8s_version#v*.}"; minor="${minor%%.*}"
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
mkdir -p "$(dirname "$out")"
cd "$here"
# Write to a temp file first so an interrupted build never leaves a half binary.
CGO_ENABLED=0 go build -trimpath -ldflags="$ldflags" -o "$out.tmp" .
mv "$out.tmp" "$out"
